namespace UltraLLaDA.Training.Evaluation.Ruler;

/// <summary>
/// One length's row of the paper's Table 4: AVG and each category, × 100, every one the mean over its prompts
/// (weighted by question count); NaN for a category with no prompt run.
/// </summary>
public sealed record RulerTableRow(int Length, int Prompts, double Avg, double Niah, double Agg, double Qa, double Vt);
