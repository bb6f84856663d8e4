namespace UltraLLaDA.Data.Evaluation;

/// <summary>niah.json: how a NIAH set was made; the prompts are niah.jsonl's rows and the shards' records.</summary>
public sealed record NiahSetIndex : IEvalSetIndex
{
    public const string FileName = "niah.json";
    public const string RecordsFileName = "niah.jsonl";
    public const string KindName = "niah";

    public string Kind { get; init; } = KindName;

    public int Version { get; init; } = 1;

    public required EvalTokenizer Tokenizer { get; init; }

    public required string Input { get; init; }

    /// <summary>The documents whose texts, joined by a blank line, are the haystack text.</summary>
    public required IReadOnlyList<EvalDocument> Documents { get; init; }

    public long HaystackTokens { get; init; }

    public required IReadOnlyList<int> Lengths { get; init; }

    public required IReadOnlyList<int> Depths { get; init; }

    public required ulong Seed { get; init; }

    public required NeedleTemplates Templates { get; init; }

    public int ValueDigits { get; init; }

    public int Needles { get; init; }

    public int PerCell { get; init; }

    /// <summary>One shard per length, relative to the set folder, in <see cref="Lengths"/>' order.</summary>
    public required IReadOnlyList<string> Shards { get; init; }

    public int Records { get; init; }

    /// <summary>How prompts reach their exact length, in words.</summary>
    public required string Assembly { get; init; }
}
