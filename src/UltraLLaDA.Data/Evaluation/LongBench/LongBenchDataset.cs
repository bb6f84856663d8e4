namespace UltraLLaDA.Data.Evaluation.LongBench;

/// <summary>
/// One LongBench v1 dataset: its file stem, language, Table 3 category, metric (eval.py's dataset2metric) and
/// generation length (config/dataset2maxlen.json). Its prompt template is config/dataset2prompt.json's (LongBenchTemplates, written by make-eval longbench).
/// </summary>
/// <param name="Name">The file stem: <c>NAME.jsonl</c> in LongBench's data folder.</param>
/// <param name="Language">"en" or "zh".</param>
/// <param name="Category">A <see cref="LongBenchCategories"/> value.</param>
/// <param name="Metric">A <see cref="LongBenchMetricNames"/> value.</param>
/// <param name="MaxNewTokens">LongBench's generation length for the dataset.</param>
/// <param name="FirstLineOnly">eval.py scores only the first line of the output (trec, triviaqa, samsum, lsht).</param>
public sealed record LongBenchDataset(string Name, string Language, string Category, string Metric, int MaxNewTokens, bool FirstLineOnly);
