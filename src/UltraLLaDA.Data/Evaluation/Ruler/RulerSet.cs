namespace UltraLLaDA.Data.Evaluation.Ruler;

/// <summary>A RULER set folder opened for evaluation: ruler.json, ruler.jsonl's rows, and each row's prompt tokens.</summary>
public sealed class RulerSet : EvalPromptSet<RulerSetIndex, RulerRecord>
{
    private RulerSet(string folder)
        : base(folder, RulerSetIndex.FileName, RulerSetIndex.RecordsFileName, RulerSetIndex.KindName, "RULER", index => index.Shards, CheckRow)
    {
    }

    /// <summary>Opens <paramref name="folder"/> and checks that the rows and the shards agree.</summary>
    public static RulerSet Open(string folder) => new(folder);

    private static void CheckRow(RulerSetIndex index, RulerRecord row, string where)
    {
        if (RulerTasks.Find(row.Task) is null)
            throw new EvalSetException($"{where}: task '{row.Task}' is not one of RULER's");
        if (row.Answers is not { Count: > 0 })
            throw new EvalSetException($"{where}: no answers");
    }
}
