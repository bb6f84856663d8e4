using UltraLLaDA.Data.Evaluation.LongBench;
using UltraLLaDA.Training.Sampling;

namespace UltraLLaDA.Training.Evaluation.LongBench;

/// <summary>longbench.json: Table 3's row, each dataset's score, each prompt's output, and how they were made.</summary>
public sealed record LongBenchReport
{
    public required string Set { get; init; }

    public required string Model { get; init; }

    public required double RopeBase { get; init; }

    /// <summary>The sampler settings, confidence dtype included (gen length, block and steps of the paper mode).</summary>
    public required SamplerOptions Sampler { get; init; }

    /// <summary>Paper (one length for all) or each dataset's LongBench length.</summary>
    public required LongBenchGenLengths GenLengths { get; init; }

    /// <summary>The set's longest prompt (the paper's 16K).</summary>
    public required int MaxLength { get; init; }

    /// <summary>Datasets the set does not hold.</summary>
    public required IReadOnlyList<LongBenchSkippedDataset> Skipped { get; init; }

    /// <summary>Table 3: AVG, SD, MD, Sum, ICL, Syn, Code.</summary>
    public required LongBenchTableRow Table { get; init; }

    /// <summary>Every dataset run, in the set's order.</summary>
    public required IReadOnlyList<LongBenchDatasetScore> Datasets { get; init; }

    public required IReadOnlyList<LongBenchPromptResult> Prompts { get; init; }

    /// <summary>Where the scoring differs from LongBench's code (<see cref="LongBenchDeviations"/>).</summary>
    public IReadOnlyList<string> Deviations { get; init; } = LongBenchDeviations.All;

    public double Seconds { get; init; }
}
