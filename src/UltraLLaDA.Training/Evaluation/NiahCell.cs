namespace UltraLLaDA.Training.Evaluation;

/// <summary>One (length, depth) cell of the NIAH table: its accuracy over its prompts (NaN when none was run).</summary>
public sealed record NiahCell(int Length, int Depth, int Prompts, int Correct, double Accuracy);
