namespace UltraLLaDA.Data.Evaluation.Ruler;

/// <summary>One line of ruler.jsonl: one prompt, in the order of the shards' records.</summary>
public sealed record RulerRecord : IEvalPromptRow
{
    /// <summary>Position in ruler.jsonl (0-based).</summary>
    public required int Index { get; init; }

    /// <summary>RULER's task name.</summary>
    public required string Task { get; init; }

    /// <summary>Its Table 4 column.</summary>
    public required string Category { get; init; }

    /// <summary>Tokens in the prompt (exactly).</summary>
    public required int Length { get; init; }

    /// <summary>The sample number within (task, length).</summary>
    public required int Sample { get; init; }

    /// <summary>The shard that holds the prompt, relative to the set folder.</summary>
    public required string Shard { get; init; }

    /// <summary>The record number in that shard.</summary>
    public required int Record { get; init; }

    /// <summary>The reference strings (RULER's "outputs").</summary>
    public required IReadOnlyList<string> Answers { get; init; }

    /// <summary><see cref="RulerMetricNames"/>: how the output is scored against <see cref="Answers"/>.</summary>
    public required string Metric { get; init; }

    /// <summary>Where the question starts in the prompt (it runs to the end, answer prefix included).</summary>
    public int QuestionStart { get; init; }

    /// <summary>For cwe, fwe and qa: the word or document count that fitted.</summary>
    public int? Items { get; init; }
}
