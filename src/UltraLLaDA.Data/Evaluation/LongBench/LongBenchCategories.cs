namespace UltraLLaDA.Data.Evaluation.LongBench;

/// <summary>LongBench's task categories, named as the columns of the UltraLLaDA paper's Table 3.</summary>
public static class LongBenchCategories
{
    public const string SingleDocumentQa = "SD";
    public const string MultiDocumentQa = "MD";
    public const string Summarization = "Sum";
    public const string FewShot = "ICL";
    public const string Synthetic = "Syn";
    public const string Code = "Code";

    /// <summary>Table 3's order.</summary>
    public static IReadOnlyList<string> All { get; } = [SingleDocumentQa, MultiDocumentQa, Summarization, FewShot, Synthetic, Code];
}
