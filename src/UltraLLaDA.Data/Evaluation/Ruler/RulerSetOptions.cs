namespace UltraLLaDA.Data.Evaluation.Ruler;

/// <summary>What `make-eval ruler` is asked for.</summary>
public sealed record RulerSetOptions
{
    /// <summary>The books of the essay haystack and of the words.</summary>
    public required EvalInput Input { get; init; }

    /// <summary>What the tokenizer was loaded from (null: the default), recorded in the index.</summary>
    public string? TokenizerSpec { get; init; }

    /// <summary>Prompt lengths in tokens; null or empty: 4K, 8K, 16K, 32K (the paper's RULER-32K).</summary>
    public IReadOnlyList<int>? Lengths { get; init; }

    /// <summary>Task names; null or empty: all 13 (the QA tasks only with their files).</summary>
    public IReadOnlyList<string>? Tasks { get; init; }

    /// <summary>Prompts per task and length.</summary>
    public int Samples { get; init; } = EvalDefaults.RulerSamples;

    public ulong Seed { get; init; } = 1;

    /// <summary>A SQuAD JSON file (qa_1), or null.</summary>
    public string? Squad { get; init; }

    /// <summary>A HotpotQA JSON file (qa_2), or null.</summary>
    public string? HotpotQa { get; init; }

    public required string Output { get; init; }

    public bool Overwrite { get; init; }

    public int ZstdLevel { get; init; } = Formats.Ulds.RecordEncoder.DefaultLevel;
}
