using System.Text;
using CsCheck;
using UltraLLaDA.Data.Sources;
using UltraLLaDA.Data.Sources.JsonLines;

using UltraLLaDA.Data.Tests.Support;

namespace UltraLLaDA.Data.Tests.Sources;

/// <summary>The byte-scan count (used for partitions and resume) must agree with what reading yields,
/// or ordinals would differ between a partitioned and a whole run.</summary>
public class JsonLineCountingTests
{
    private static readonly string[] _lineKinds =
        ["{\"text\":\"x\"}", "{\"text\":null}", "", " ", "\t\r", "\r", "  {\"text\":\"\\r\\n\"}  ", "{\"text\":\"\uFEFF\"}"];

    private static readonly Gen<byte[]> _files =
        Gen.Select(Gen.Bool, Gen.OneOf(_lineKinds).Array[0, 12], Gen.OneOf("\n", "\r\n").Array[12], Gen.Bool)
            .Select((bom, lines, ends, trailingEnd) =>
            {
                var text = new StringBuilder(bom ? "\uFEFF" : "");
                for (int i = 0; i < lines.Length; i++)
                    text.Append(lines[i]).Append(i < lines.Length - 1 || trailingEnd ? ends[i] : "");
                return Encoding.UTF8.GetBytes(text.ToString());
            });

    [Fact]
    public void Count_agrees_with_the_reader_whatever_the_read_sizes()
    {
        _files.Select(Gen.Int[1, 9]).Sample((bytes, maxRead) =>
        {
            long counted = JsonLineCounter.CountDocumentsAsync(new TrickleStream(bytes, maxRead), "t", default).AsTask().Result;
            Assert.Equal(ReadDocumentLines(bytes, maxRead), counted);
            Assert.Equal(ReadDocumentLines(bytes, int.MaxValue), counted);
        });
    }

    [Fact]
    public async Task Count_agrees_with_the_source_on_files()
    {
        using var temp = new TempDirectory();
        int n = 0;
        foreach (var bytes in Enumerable.Range(0, 40).Select(_ => _files.Single()))
        {
            string path = temp.Write($"f{n++}.jsonl", bytes);
            var source = DocumentSources.Open(path, "x");
            Assert.Equal((await source.ReadAllAsync()).Count, await source.CountDocumentsAsync());
        }
    }

    [Fact]
    public async Task Lines_split_across_reads_and_buffer_growth_are_reassembled()
    {
        string longText = new('z', 3 << 20); // longer than the first buffer
        byte[] bytes = Encoding.UTF8.GetBytes($"\uFEFFfirst\r\n\n{longText}\nlast");
        foreach (int maxRead in new[] { 1, 2, 7, int.MaxValue })
        {
            using var reader = new JsonLineReader(new TrickleStream(bytes, maxRead), "t");
            var lines = new List<(long, string)>();
            while (await reader.ReadLineAsync(default))
                lines.Add((reader.LineIndex, Encoding.UTF8.GetString(reader.Line.Span)));
            Assert.Equal([(0L, "first\r"), (1L, ""), (2L, longText), (3L, "last")], lines);
        }
    }

    private static long ReadDocumentLines(byte[] bytes, int maxRead)
    {
        using var reader = new JsonLineReader(new TrickleStream(bytes, maxRead), "t");
        long documents = 0;
        while (reader.ReadLineAsync(default).AsTask().Result)
        {
            if (!reader.IsBlank)
                documents++;
        }

        return documents;
    }
}
