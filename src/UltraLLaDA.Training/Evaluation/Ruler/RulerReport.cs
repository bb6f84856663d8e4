using UltraLLaDA.Data.Evaluation.Ruler;
using UltraLLaDA.Training.Sampling;

namespace UltraLLaDA.Training.Evaluation.Ruler;

/// <summary>ruler.json: Table 4 per length, each task's score, each prompt's output, and how they were made.</summary>
public sealed record RulerReport
{
    public required string Set { get; init; }

    public required string Model { get; init; }

    public required double RopeBase { get; init; }

    /// <summary>The sampler settings, confidence dtype included.</summary>
    public required SamplerOptions Sampler { get; init; }

    /// <summary>Tasks the set does not hold (the QA tasks without their files).</summary>
    public required IReadOnlyList<RulerSkippedTask> Skipped { get; init; }

    /// <summary>Table 4: one row per length.</summary>
    public required IReadOnlyList<RulerTableRow> Table { get; init; }

    /// <summary>Every task at every length.</summary>
    public required IReadOnlyList<RulerTaskScore> Tasks { get; init; }

    public required IReadOnlyList<RulerPromptResult> Prompts { get; init; }

    public double Seconds { get; init; }
}
