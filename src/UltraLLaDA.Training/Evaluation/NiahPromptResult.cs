namespace UltraLLaDA.Training.Evaluation;

/// <summary>One NIAH prompt's outcome.</summary>
/// <param name="Index">Its row in niah.jsonl.</param>
/// <param name="Length">Prompt length in tokens.</param>
/// <param name="Depth">Needle depth in percent.</param>
/// <param name="Answer">The expected value.</param>
/// <param name="Output">The decoded generation.</param>
/// <param name="Correct">Whether the output contains the answer.</param>
/// <param name="Seconds">Time the sampler took.</param>
public sealed record NiahPromptResult(int Index, int Length, int Depth, string Answer, string Output, bool Correct, double Seconds);
