namespace UltraLLaDA.Data.Evaluation.LongBench;

/// <summary>One line of longbench.jsonl: one prompt, in the order of the shards' records.</summary>
public sealed record LongBenchRecord : IEvalPromptRow
{
    /// <summary>Position in longbench.jsonl (0-based).</summary>
    public required int Index { get; init; }

    /// <summary>The dataset (its file stem).</summary>
    public required string Dataset { get; init; }

    /// <summary>Its Table 3 column (<see cref="LongBenchCategories"/>).</summary>
    public required string Category { get; init; }

    /// <summary>"en" or "zh".</summary>
    public required string Language { get; init; }

    /// <summary><see cref="LongBenchMetricNames"/>: how the output is scored against <see cref="Answers"/>.</summary>
    public required string Metric { get; init; }

    /// <summary>The line of <c>DATASET.jsonl</c> the row came from (1 is the first line).</summary>
    public required int Line { get; init; }

    /// <summary>The row's <c>_id</c>, when it has one.</summary>
    public string? Id { get; init; }

    /// <summary>Tokens in the prompt as stored (after truncation).</summary>
    public required int Length { get; init; }

    /// <summary>Tokens in the whole filled-in template, before truncation.</summary>
    public required int PromptTokens { get; init; }

    /// <summary>The middle of the prompt was cut out to fit the set's length.</summary>
    public required bool Truncated { get; init; }

    /// <summary>The row's <c>length</c> field (LongBench counts words, or characters for Chinese).</summary>
    public int SourceLength { get; init; }

    /// <summary>LongBench's generation length for the dataset (dataset2maxlen.json).</summary>
    public required int MaxNewTokens { get; init; }

    /// <summary>Score only the output's first line (eval.py's rule for trec, triviaqa, samsum, lsht).</summary>
    public required bool FirstLineOnly { get; init; }

    /// <summary>The shard that holds the prompt, relative to the set folder.</summary>
    public required string Shard { get; init; }

    /// <summary>The record number in that shard.</summary>
    public required int Record { get; init; }

    /// <summary>The reference strings (the row's <c>answers</c>); the score is the best over them.</summary>
    public required IReadOnlyList<string> Answers { get; init; }

    /// <summary>The row's <c>all_classes</c> (classification datasets), else null.</summary>
    public IReadOnlyList<string>? AllClasses { get; init; }
}
