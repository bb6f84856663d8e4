namespace UltraLLaDA.Data.Evaluation;

/// <summary>What `make-eval niah` is asked for.</summary>
public sealed record NiahSetOptions
{
    public required EvalInput Input { get; init; }

    /// <summary>What the tokenizer was loaded from (null: the default), recorded in the index.</summary>
    public string? TokenizerSpec { get; init; }

    /// <summary>Prompt lengths in tokens; null or empty: 4K … 128K, doubling.</summary>
    public IReadOnlyList<int>? Lengths { get; init; }

    /// <summary>Needle depths in percent; null or empty: 0, 10, … 100.</summary>
    public IReadOnlyList<int>? Depths { get; init; }

    public ulong Seed { get; init; } = 1;

    public NeedleTemplates Templates { get; init; } = NeedleTemplates.Default;

    /// <summary>Digits of each random value.</summary>
    public int ValueDigits { get; init; } = EvalDefaults.ValueDigits;

    /// <summary>Needles per prompt: 1, or more for RULER's multi-key variant (the question asks for one of them).</summary>
    public int Needles { get; init; } = 1;

    /// <summary>Prompts per (length, depth) cell, each with its own keys and values.</summary>
    public int PerCell { get; init; } = 1;

    public required string Output { get; init; }

    public bool Overwrite { get; init; }

    public int ZstdLevel { get; init; } = Formats.Ulds.RecordEncoder.DefaultLevel;
}
