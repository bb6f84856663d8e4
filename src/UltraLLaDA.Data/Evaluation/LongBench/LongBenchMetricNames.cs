namespace UltraLLaDA.Data.Evaluation.LongBench;

/// <summary>The scoring functions of LongBench's metrics.py, by the names its eval.py maps datasets to.</summary>
public static class LongBenchMetricNames
{
    public const string QaF1 = "qa_f1_score";
    public const string QaF1Chinese = "qa_f1_zh_score";
    public const string Rouge = "rouge_score";
    public const string RougeChinese = "rouge_zh_score";
    public const string Classification = "classification_score";
    public const string Retrieval = "retrieval_score";
    public const string RetrievalChinese = "retrieval_zh_score";
    public const string Count = "count_score";
    public const string CodeSimilarity = "code_sim_score";

    public static IReadOnlyList<string> All { get; } = [QaF1, QaF1Chinese, Rouge, RougeChinese, Classification, Retrieval, RetrievalChinese, Count, CodeSimilarity];
}
