using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Formats.Ulds;
using UltraLLaDA.Data.Tests.Packing;

namespace UltraLLaDA.Data.Tests.Shards;

/// <summary>Builds shards from packing cases for the shard tests.</summary>
public static class ShardTestData
{
    public static ShardHeader Header(PackingOptions options, int shardIndex = 0) => new()
    {
        SeqLen = options.SeqLen,
        Layout = options.Layout,
        VocabSize = PackingCase.Vocab,
        EodId = options.EodId,
        PadId = options.PadId,
        BosId = options.BosId,
        Tokenizer = new TokenizerStamp("test-vocab", new string('a', 64)),
        ShardIndex = shardIndex,
    };

    /// <summary>Packs <paramref name="c"/> and writes every record into one shard in memory.</summary>
    public static byte[] Write(PackingCase c, List<RecordCopy> records, int level = 3)
    {
        using var buffer = new MemoryStream();
        using (var writer = new ShardWriter(buffer, Header(c.Options), level, leaveOpen: true))
        {
            foreach (var r in records)
                writer.Write(r.Tokens, r.SegmentIds, r.Segments, r.IsPadded);
            writer.Complete();
        }

        return buffer.ToArray();
    }
}
