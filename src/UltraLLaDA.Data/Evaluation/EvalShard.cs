using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Formats.Ulds;

namespace UltraLLaDA.Data.Evaluation;

/// <summary>
/// Writes the records of one length as one ULDS shard through <see cref="ShardWriter"/>: seq_len is that length,
/// every record is exactly that long and is one segment (layout direct: the whole record attends to itself).
/// </summary>
internal static class EvalShard
{
    /// <param name="path">The shard's path (its folder is created).</param>
    /// <param name="tokenizer">The set's tokenizer, stamped in the header.</param>
    /// <param name="eodId">The tokenizer's EOD id, recorded for readers (the records contain none).</param>
    /// <param name="length">seq_len and the length of every record.</param>
    /// <param name="shardIndex">The length's position in the set.</param>
    /// <param name="records">Each record's tokens and the provenance of its single segment.</param>
    /// <param name="zstdLevel">zstd level of the frames.</param>
    public static void Write(string path, EvalTokenizer tokenizer, int? eodId, int length, int shardIndex, IEnumerable<(uint[] Tokens, ulong Doc, uint Offset)> records, int zstdLevel)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var header = new ShardHeader
        {
            SeqLen = length,
            Layout = SequenceLayout.Direct,
            VocabSize = tokenizer.VocabSize,
            EodId = eodId is int e ? (uint)e : null,
            Tokenizer = new TokenizerStamp(tokenizer.Name, tokenizer.Sha256),
            ShardIndex = shardIndex,
        };
        var segmentIds = new uint[length];
        Array.Fill(segmentIds, 1u);
        using var writer = ShardWriter.Create(path, header, zstdLevel);
        foreach (var (tokens, doc, offset) in records)
        {
            if (tokens.Length != length)
                throw new InvalidOperationException($"a record of {tokens.Length} tokens in the shard of length {length}");
            writer.Write(tokens, segmentIds, [new Segment(doc, offset, (uint)length)], padded: false);
        }

        writer.Complete();
    }
}
