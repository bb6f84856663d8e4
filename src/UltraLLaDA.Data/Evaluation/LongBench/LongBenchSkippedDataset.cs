namespace UltraLLaDA.Data.Evaluation.LongBench;

/// <summary>A dataset a LongBench set does not hold, and why.</summary>
public sealed record LongBenchSkippedDataset(string Dataset, string Reason);
