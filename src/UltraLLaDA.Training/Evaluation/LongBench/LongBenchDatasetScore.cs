namespace UltraLLaDA.Training.Evaluation.LongBench;

/// <summary>A dataset's score as LongBench's eval.py reports it: round(100 × mean over its prompts, 2); NaN when none was run.</summary>
public sealed record LongBenchDatasetScore(string Dataset, string Category, string Language, string Metric, int Prompts, double Score);
