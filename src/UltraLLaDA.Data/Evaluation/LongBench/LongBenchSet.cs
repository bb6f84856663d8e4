namespace UltraLLaDA.Data.Evaluation.LongBench;

/// <summary>
/// A LongBench set folder opened for evaluation: longbench.json, longbench.jsonl's rows, and each row's prompt tokens.
/// Its prompts differ in length and ULDS lets only a shard's last record be short, so each record is one prompt padded
/// to the shard's seq_len (or, in a hand-made set, the prompt whole).
/// </summary>
public sealed class LongBenchSet : EvalPromptSet<LongBenchSetIndex, LongBenchRecord>
{
    private LongBenchSet(string folder)
        : base(folder, LongBenchSetIndex.FileName, LongBenchSetIndex.RecordsFileName, LongBenchSetIndex.KindName, "LongBench", index => index.Datasets?.Select(d => d.Shard), CheckRow, paddedPrompts: true)
    {
    }

    /// <summary>Opens <paramref name="folder"/> and checks that the rows and the shards agree.</summary>
    public static LongBenchSet Open(string folder) => new(folder);

    private static void CheckRow(LongBenchSetIndex index, LongBenchRecord row, string where)
    {
        if (LongBenchDatasets.Find(row.Dataset) is null)
            throw new EvalSetException($"{where}: dataset '{row.Dataset}' is not one of LongBench's");
        if (row.Answers is not { Count: > 0 })
            throw new EvalSetException($"{where}: no answers");
        if (row.Length > index.MaxLength)
            throw new EvalSetException($"{where}: a prompt of {row.Length} tokens, over the set's {index.MaxLength}");
        if (row.Length < 1)
            throw new EvalSetException($"{where}: a prompt of {row.Length} tokens");
    }
}
