namespace UltraLLaDA.Training.Evaluation.LongBench;

/// <summary>Which prompts of a LongBench set run, and how long their answers are.</summary>
public sealed record LongBenchRunOptions
{
    /// <summary>Datasets to run (null or empty: every dataset of the set), each one the set holds.</summary>
    public IReadOnlyList<string>? Datasets { get; init; }

    /// <summary>Run only the first N prompts of each dataset, in the set's order (0: all).</summary>
    public int MaxPromptsPerDataset { get; init; }

    public LongBenchGenLengths GenLengths { get; init; } = LongBenchGenLengths.Paper;
}
