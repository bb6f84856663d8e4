using UltraLLaDA.Data.Formats.Ulds;
using UltraLLaDA.Data.Output;

namespace UltraLLaDA.Data.Tests.Support;

/// <summary>Rebuilds every document's token stream from a split's shards alone, checking that segment offsets continue exactly.</summary>
public static class ShardStreams
{
    public static Dictionary<ulong, List<uint>> Rebuild(string folder, SplitManifest manifest)
    {
        var streams = new Dictionary<ulong, List<uint>>();
        foreach (var shard in manifest.Shards)
        {
            using var reader = ShardReader.Open(Path.Combine(folder, shard.File));
            Assert.Equal(manifest.Config.Layout, reader.Header.Layout.ToString().ToLowerInvariant());
            foreach (var record in reader.ReadAll())
            {
                for (var k = 0; k < record.SegmentCount; k++)
                {
                    var segment = record.Segments[k];
                    var stream = streams.TryGetValue(segment.Doc, out var s) ? s : streams[segment.Doc] = [];
                    Assert.Equal((uint)stream.Count, segment.Offset);
                    stream.AddRange(record.Tokens.Slice(record.CuSeqlens[k], (int)segment.Length).ToArray());
                }
            }
        }

        return streams;
    }
}
