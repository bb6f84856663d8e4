using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Formats.Ulds;

namespace UltraLLaDA.Data.Evaluation;

/// <summary>
/// Writes the prompts of a set as one ULDS shard through <see cref="ShardWriter"/>: seq_len is the shard's length and
/// every record is one segment (layout direct: the whole record attends to itself). PPL, NIAH and RULER records are
/// exactly that long. LongBench's prompts differ in length and ULDS lets only a shard's last record be short, so with
/// <c>padShortRecords</c> a shorter prompt is padded to seq_len with pad_id (the tokenizer's EOD, else 0) under
/// segment id 0 and the record flagged as padded, as the format defines; the set's opener returns the segment only.
/// </summary>
internal static class EvalShard
{
    /// <param name="path">The shard's path (its folder is created).</param>
    /// <param name="tokenizer">The set's tokenizer, stamped in the header.</param>
    /// <param name="eodId">The tokenizer's EOD id, recorded for readers (the records contain none).</param>
    /// <param name="length">seq_len: the length of every record (with its padding).</param>
    /// <param name="shardIndex">The shard's position in the set.</param>
    /// <param name="records">Each record's tokens and the provenance of its single segment.</param>
    /// <param name="zstdLevel">zstd level of the frames.</param>
    /// <param name="padShortRecords">Pad a record shorter than <paramref name="length"/> (and record pad_id in the header); otherwise refuse it.</param>
    public static void Write(
        string path, EvalTokenizer tokenizer, int? eodId, int length, int shardIndex, IEnumerable<(uint[] Tokens, ulong Doc, uint Offset)> records, int zstdLevel,
        bool padShortRecords = false)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var padId = eodId is int e ? (uint)e : 0u;
        var header = new ShardHeader
        {
            SeqLen = length,
            Layout = SequenceLayout.Direct,
            VocabSize = tokenizer.VocabSize,
            EodId = eodId is int eod ? (uint)eod : null,
            PadId = padShortRecords ? padId : null,
            Tokenizer = new TokenizerStamp(tokenizer.Name, tokenizer.Sha256),
            ShardIndex = shardIndex,
        };
        var padded = new uint[length];
        var segmentIds = new uint[length];
        using var writer = ShardWriter.Create(path, header, zstdLevel);
        foreach (var (tokens, doc, offset) in records)
        {
            if (tokens.Length == 0 || tokens.Length > length || (tokens.Length < length && !padShortRecords))
                throw new InvalidOperationException($"a record of {tokens.Length} tokens in the shard of length {length}");
            var record = tokens;
            if (tokens.Length < length)
            {
                tokens.CopyTo(padded, 0);
                padded.AsSpan(tokens.Length).Fill(padId);
                record = padded;
            }

            segmentIds.AsSpan(0, tokens.Length).Fill(1u);
            segmentIds.AsSpan(tokens.Length).Clear();
            writer.Write(record, segmentIds, [new Segment(doc, offset, (uint)tokens.Length)], padded: tokens.Length < length);
        }

        writer.Complete();
    }
}
