namespace UltraLLaDA.Data.Evaluation.LongBench;

/// <summary>LongBench v1's 21 datasets, in its README's order (metric from eval.py, length from dataset2maxlen.json).</summary>
public static class LongBenchDatasets
{
    private const string En = "en";
    private const string Zh = "zh";

    public static IReadOnlyList<LongBenchDataset> All { get; } =
    [
        new("narrativeqa", En, LongBenchCategories.SingleDocumentQa, LongBenchMetricNames.QaF1, 128, false),
        new("qasper", En, LongBenchCategories.SingleDocumentQa, LongBenchMetricNames.QaF1, 128, false),
        new("multifieldqa_en", En, LongBenchCategories.SingleDocumentQa, LongBenchMetricNames.QaF1, 64, false),
        new("multifieldqa_zh", Zh, LongBenchCategories.SingleDocumentQa, LongBenchMetricNames.QaF1Chinese, 64, false),
        new("hotpotqa", En, LongBenchCategories.MultiDocumentQa, LongBenchMetricNames.QaF1, 32, false),
        new("2wikimqa", En, LongBenchCategories.MultiDocumentQa, LongBenchMetricNames.QaF1, 32, false),
        new("musique", En, LongBenchCategories.MultiDocumentQa, LongBenchMetricNames.QaF1, 32, false),
        new("dureader", Zh, LongBenchCategories.MultiDocumentQa, LongBenchMetricNames.RougeChinese, 128, false),
        new("gov_report", En, LongBenchCategories.Summarization, LongBenchMetricNames.Rouge, 512, false),
        new("qmsum", En, LongBenchCategories.Summarization, LongBenchMetricNames.Rouge, 512, false),
        new("multi_news", En, LongBenchCategories.Summarization, LongBenchMetricNames.Rouge, 512, false),
        new("vcsum", Zh, LongBenchCategories.Summarization, LongBenchMetricNames.RougeChinese, 512, false),
        new("trec", En, LongBenchCategories.FewShot, LongBenchMetricNames.Classification, 64, true),
        new("triviaqa", En, LongBenchCategories.FewShot, LongBenchMetricNames.QaF1, 32, true),
        new("samsum", En, LongBenchCategories.FewShot, LongBenchMetricNames.Rouge, 128, true),
        new("lsht", Zh, LongBenchCategories.FewShot, LongBenchMetricNames.Classification, 64, true),
        new("passage_count", En, LongBenchCategories.Synthetic, LongBenchMetricNames.Count, 32, false),
        new("passage_retrieval_en", En, LongBenchCategories.Synthetic, LongBenchMetricNames.Retrieval, 32, false),
        new("passage_retrieval_zh", Zh, LongBenchCategories.Synthetic, LongBenchMetricNames.RetrievalChinese, 32, false),
        new("lcc", En, LongBenchCategories.Code, LongBenchMetricNames.CodeSimilarity, 64, false),
        new("repobench-p", En, LongBenchCategories.Code, LongBenchMetricNames.CodeSimilarity, 64, false),
    ];

    /// <summary>The dataset named <paramref name="name"/> (its file stem), or null.</summary>
    public static LongBenchDataset? Find(string name) => All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.Ordinal));
}
