using UltraLLaDA.Data.Formats.Ulds;
using UltraLLaDA.Data.Packing;

namespace UltraLLaDA.Data.Evaluation.LongBench;

/// <summary>
/// Writes one dataset's prompts as one ULDS shard through <see cref="ShardWriter"/>. LongBench prompts differ in
/// length and a shard's records must all be seq_len long (only the last may be short), so seq_len is the set's
/// max length and each record is one prompt (one segment, layout direct) padded to it: the padding is pad_id
/// (the tokenizer's EOD, else 0) with segment id 0 and the record flagged as padded, as the format defines.
/// <see cref="EvalPromptSet{TIndex, TRow}.Prompt"/> returns the segment only.
/// </summary>
internal static class LongBenchShard
{
    /// <param name="path">The shard's path (its folder is created).</param>
    /// <param name="tokenizer">The set's tokenizer, stamped in the header.</param>
    /// <param name="eodId">The tokenizer's EOD id, recorded for readers (the records contain none).</param>
    /// <param name="seqLen">The set's max length: seq_len, and the length of every record with its padding.</param>
    /// <param name="shardIndex">The dataset's position in the set.</param>
    /// <param name="records">Each prompt's tokens and the row number its segment records as doc.</param>
    /// <param name="zstdLevel">zstd level of the frames.</param>
    public static void Write(string path, EvalTokenizer tokenizer, int? eodId, int seqLen, int shardIndex, IEnumerable<(uint[] Tokens, ulong Doc)> records, int zstdLevel)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var padId = eodId is int e ? (uint)e : 0u;
        var header = new ShardHeader
        {
            SeqLen = seqLen,
            Layout = SequenceLayout.Direct,
            VocabSize = tokenizer.VocabSize,
            EodId = eodId is int eod ? (uint)eod : null,
            PadId = padId,
            Tokenizer = new TokenizerStamp(tokenizer.Name, tokenizer.Sha256),
            ShardIndex = shardIndex,
        };
        var tokens = new uint[seqLen];
        var segmentIds = new uint[seqLen];
        using var writer = ShardWriter.Create(path, header, zstdLevel);
        foreach (var (prompt, doc) in records)
        {
            if (prompt.Length == 0 || prompt.Length > seqLen)
                throw new InvalidOperationException($"a prompt of {prompt.Length} tokens in a shard of seq_len {seqLen}");
            prompt.CopyTo(tokens, 0);
            tokens.AsSpan(prompt.Length).Fill(padId);
            segmentIds.AsSpan(0, prompt.Length).Fill(1u);
            segmentIds.AsSpan(prompt.Length).Clear();
            writer.Write(tokens, segmentIds, [new Segment(doc, 0, (uint)prompt.Length)], padded: prompt.Length < seqLen);
        }

        writer.Complete();
    }
}
