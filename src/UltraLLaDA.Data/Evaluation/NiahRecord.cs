namespace UltraLLaDA.Data.Evaluation;

/// <summary>One line of niah.jsonl: one prompt, in the order of the records of the shards.</summary>
public sealed record NiahRecord : IEvalPromptRow
{
    /// <summary>Position in niah.jsonl (0-based).</summary>
    public required int Index { get; init; }

    /// <summary>Tokens in the prompt (exactly).</summary>
    public required int Length { get; init; }

    /// <summary>Depth of the asked needle, in percent of the haystack.</summary>
    public required int Depth { get; init; }

    /// <summary>Which prompt of its (length, depth) cell.</summary>
    public int Sample { get; init; }

    /// <summary>The shard holding the prompt, relative to the set folder.</summary>
    public required string Shard { get; init; }

    /// <summary>The record within that shard.</summary>
    public required int Record { get; init; }

    public required string Key { get; init; }

    /// <summary>The needle sentence as the template made it.</summary>
    public required string Needle { get; init; }

    public required string Question { get; init; }

    /// <summary>The expected answer: the needle's value; a sample is right when the output contains it.</summary>
    public required string Answer { get; init; }

    /// <summary>First token of the asked needle in the prompt.</summary>
    public required int NeedleStart { get; init; }

    /// <summary>One past the asked needle's last token.</summary>
    public required int NeedleEnd { get; init; }

    /// <summary>First token of the question (everything from there to the end is the question).</summary>
    public required int QuestionStart { get; init; }

    /// <summary>Token offset in the haystack text at which this prompt's haystack begins.</summary>
    public required long HaystackStart { get; init; }

    /// <summary>The other needles (multi-key variant), or null.</summary>
    public IReadOnlyList<NiahNeedle>? Distractors { get; init; }
}
