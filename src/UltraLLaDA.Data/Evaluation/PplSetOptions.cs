namespace UltraLLaDA.Data.Evaluation;

/// <summary>What `make-eval ppl` is asked for.</summary>
public sealed record PplSetOptions
{
    public required EvalInput Input { get; init; }

    /// <summary>What the tokenizer was loaded from (null: the default), recorded in the index.</summary>
    public string? TokenizerSpec { get; init; }

    /// <summary>Window lengths; null or empty: Table 1's.</summary>
    public IReadOnlyList<int>? Lengths { get; init; }

    public required string Output { get; init; }

    /// <summary>When no document is long enough, join documents in split order (texts separated by a blank line).</summary>
    public bool Concatenate { get; init; }

    public bool Overwrite { get; init; }

    public int ZstdLevel { get; init; } = Formats.Ulds.RecordEncoder.DefaultLevel;
}
