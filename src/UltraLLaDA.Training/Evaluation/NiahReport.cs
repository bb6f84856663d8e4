using UltraLLaDA.Training.Sampling;

namespace UltraLLaDA.Training.Evaluation;

/// <summary>niah.json: the length × depth accuracy table, each prompt's output, and how they were made.</summary>
public sealed record NiahReport
{
    public required string Set { get; init; }

    public required string Model { get; init; }

    public required double RopeBase { get; init; }

    public required SamplerOptions Sampler { get; init; }

    public required IReadOnlyList<int> Lengths { get; init; }

    public required IReadOnlyList<int> Depths { get; init; }

    /// <summary>Lengths × depths, length-major.</summary>
    public required IReadOnlyList<NiahCell> Cells { get; init; }

    /// <summary>Correct prompts over all prompts run.</summary>
    public required double Accuracy { get; init; }

    public required IReadOnlyList<NiahPromptResult> Prompts { get; init; }

    public double Seconds { get; init; }

    public NiahCell Cell(int length, int depth) => Cells.First(c => c.Length == length && c.Depth == depth);
}
