namespace UltraLLaDA.Training.Evaluation.Ruler;

/// <summary>A task's score at one length: the mean of its prompts' scores × 100 (NaN when none was run).</summary>
public sealed record RulerTaskScore(string Task, string Category, int Length, int Prompts, double Score);
