namespace UltraLLaDA.Training.Evaluation.LongBench;

/// <summary>
/// One LongBench prompt run: the decoded output (ended at the tokenizer's EOD), the text scored (the first line for
/// trec, triviaqa, samsum and lsht, else the output) and its score in [0, 1], the best over the answers.
/// </summary>
/// <param name="Index">The row of longbench.jsonl (0-based).</param>
/// <param name="Dataset">The dataset.</param>
/// <param name="Category">Its Table 3 column.</param>
/// <param name="Metric">The metric it was scored with.</param>
/// <param name="Length">Prompt tokens.</param>
/// <param name="Truncated">The prompt lost its middle to fit the set's length.</param>
/// <param name="GenLength">Tokens generated for it.</param>
/// <param name="Answers">The references.</param>
/// <param name="Output">The decoded output.</param>
/// <param name="Scored">The text the metric saw.</param>
/// <param name="Score">The score in [0, 1].</param>
/// <param name="Seconds">Time to generate it.</param>
public sealed record LongBenchPromptResult(int Index, string Dataset, string Category, string Metric, int Length, bool Truncated, int GenLength, IReadOnlyList<string> Answers, string Output, string Scored, double Score, double Seconds);
