namespace UltraLLaDA.Data.Evaluation.LongBench;

/// <summary>What `make-eval longbench` is asked for.</summary>
public sealed record LongBenchSetOptions
{
    /// <summary>The folder of LongBench's <c>DATASET.jsonl</c> files (data.zip's data/).</summary>
    public required string Input { get; init; }

    /// <summary>What the tokenizer was loaded from (null: the default), recorded in the index.</summary>
    public string? TokenizerSpec { get; init; }

    /// <summary>
    /// Dataset names and groups (<see cref="LongBenchSelection.English"/>, <see cref="LongBenchSelection.Chinese"/>,
    /// <see cref="LongBenchSelection.Everything"/>); null or empty: all 21.
    /// </summary>
    public IReadOnlyList<string>? Datasets { get; init; }

    /// <summary>The longest prompt in tokens; longer ones lose their middle (the paper's LongBench-16K).</summary>
    public int MaxLength { get; init; } = EvalDefaults.LongBenchMaxLength;

    /// <summary>Rows made per dataset, from the top of each file (small trials); null: all.</summary>
    public int? MaxRows { get; init; }

    public required string Output { get; init; }

    public bool Overwrite { get; init; }

    public int ZstdLevel { get; init; } = Formats.Ulds.RecordEncoder.DefaultLevel;
}
