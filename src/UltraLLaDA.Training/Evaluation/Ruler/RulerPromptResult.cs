namespace UltraLLaDA.Training.Evaluation.Ruler;

/// <summary>One RULER prompt run: the decoded output and its score in [0, 1].</summary>
public sealed record RulerPromptResult(int Index, string Task, string Category, int Length, IReadOnlyList<string> Answers, string Output, double Score, double Seconds);
