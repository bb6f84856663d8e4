namespace UltraLLaDA.Data.Evaluation.LongBench;

/// <summary>longbench.json: how a LongBench set was made; the prompts are longbench.jsonl's rows and the shards' records.</summary>
public sealed record LongBenchSetIndex : IEvalSetIndex
{
    public const string FileName = "longbench.json";
    public const string RecordsFileName = "longbench.jsonl";
    public const string KindName = "longbench";

    public string Kind { get; init; } = KindName;

    public int Version { get; init; } = 1;

    public required EvalTokenizer Tokenizer { get; init; }

    /// <summary>The folder of LongBench's <c>DATASET.jsonl</c> files.</summary>
    public required string Input { get; init; }

    /// <summary>The longest prompt in tokens (the paper's 16K); longer ones lose their middle.</summary>
    public required int MaxLength { get; init; }

    /// <summary>The datasets made, in <see cref="LongBenchDatasets.All"/>' order, with their files and shards.</summary>
    public required IReadOnlyList<LongBenchDatasetFile> Datasets { get; init; }

    /// <summary>Datasets selected but not made, with the reason (no file in the input folder).</summary>
    public required IReadOnlyList<LongBenchSkippedDataset> Skipped { get; init; }

    public int Records { get; init; }

    /// <summary>Rows made per dataset when fewer than all were asked for (a trial set), else null.</summary>
    public int? MaxRows { get; init; }

    /// <summary>How prompts are built and cut to <see cref="MaxLength"/>, in words.</summary>
    public required string Truncation { get; init; }
}
