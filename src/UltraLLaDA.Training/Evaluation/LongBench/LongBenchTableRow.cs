namespace UltraLLaDA.Training.Evaluation.LongBench;

/// <summary>
/// The paper's Table 3 row: AVG and each category (single- and multi-document QA, summarization, few-shot
/// learning, synthetic, code), × 100 and rounded to 2 decimals, every one the mean over its prompts, so weighted by
/// question count (not the mean of the dataset scores); NaN for a category with no prompt run.
/// </summary>
public sealed record LongBenchTableRow(int Prompts, double Avg, double Sd, double Md, double Sum, double Icl, double Syn, double Code);
