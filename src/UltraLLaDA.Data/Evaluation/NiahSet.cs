namespace UltraLLaDA.Data.Evaluation;

/// <summary>A NIAH set folder opened for evaluation: niah.json, niah.jsonl's rows, and each row's prompt tokens.</summary>
public sealed class NiahSet : EvalPromptSet<NiahSetIndex, NiahRecord>
{
    private NiahSet(string folder)
        : base(folder, NiahSetIndex.FileName, NiahSetIndex.RecordsFileName, NiahSetIndex.KindName, "NIAH", index => index.Shards, checkInPrompt: CheckNeedle)
    {
    }

    /// <summary>Opens <paramref name="folder"/> and checks that the rows and the shards agree.</summary>
    public static NiahSet Open(string folder) => new(folder);

    private static void CheckNeedle(NiahRecord row, string where)
    {
        if (row.NeedleStart < 0 || row.NeedleEnd <= row.NeedleStart || row.NeedleEnd > row.QuestionStart || row.QuestionStart > row.Length)
            throw new EvalSetException($"{where}: needle [{row.NeedleStart}, {row.NeedleEnd}) and question start {row.QuestionStart} do not fit a prompt of {row.Length} tokens");
    }
}
