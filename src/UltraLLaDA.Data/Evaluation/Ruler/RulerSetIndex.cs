namespace UltraLLaDA.Data.Evaluation.Ruler;

/// <summary>ruler.json: how a RULER set was made; the prompts are ruler.jsonl's rows and the shards' records.</summary>
public sealed record RulerSetIndex : IEvalSetIndex
{
    public const string FileName = "ruler.json";
    public const string RecordsFileName = "ruler.jsonl";
    public const string KindName = "ruler";

    public string Kind { get; init; } = KindName;

    public int Version { get; init; } = 1;

    public required EvalTokenizer Tokenizer { get; init; }

    public required string Input { get; init; }

    /// <summary>The books whose texts, joined by a blank line, are the essay haystack and the word pool.</summary>
    public required IReadOnlyList<EvalDocument> Documents { get; init; }

    /// <summary>Where the essay haystack comes from, in words (RULER's is Paul Graham's essays).</summary>
    public required string EssayHaystack { get; init; }

    /// <summary>Where words come from (keys, cwe's lists), in words.</summary>
    public required string Words { get; init; }

    public int WordCount { get; init; }

    public required IReadOnlyList<int> Lengths { get; init; }

    /// <summary>The tasks made, in RULER's order.</summary>
    public required IReadOnlyList<string> Tasks { get; init; }

    /// <summary>Tasks not made, with the reason (the QA tasks without their files).</summary>
    public required IReadOnlyList<RulerSkippedTask> Skipped { get; init; }

    public required int Samples { get; init; }

    public required ulong Seed { get; init; }

    public string? Squad { get; init; }

    public string? HotpotQa { get; init; }

    /// <summary>One shard per length, relative to the set folder, in <see cref="Lengths"/>' order.</summary>
    public required IReadOnlyList<string> Shards { get; init; }

    public int Records { get; init; }

    /// <summary>How prompts reach their exact length, in words.</summary>
    public required string Assembly { get; init; }
}
