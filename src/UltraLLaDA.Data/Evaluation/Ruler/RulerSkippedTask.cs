namespace UltraLLaDA.Data.Evaluation.Ruler;

/// <summary>A task the set does not hold, and why.</summary>
public sealed record RulerSkippedTask(string Task, string Reason);
