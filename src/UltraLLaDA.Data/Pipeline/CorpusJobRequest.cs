using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Sources;

namespace UltraLLaDA.Data.Pipeline;

/// <summary>
/// What a user asks of a pack over a whole corpus, before defaults and checks (<see cref="CorpusJob.Plan"/>
/// resolves it). Null means "the default": pad = the EOD id, every split the input has, and so on.
/// </summary>
public sealed record CorpusJobRequest
{
    /// <summary>A PG-19 folder, Parquet file(s) or JSONL.</summary>
    public required string Input { get; init; }

    /// <summary>The output folder: each split goes to its own folder under it.</summary>
    public required string Output { get; init; }

    public SourceLayout InputLayout { get; init; } = SourceLayout.Auto;

    /// <summary>One split, or null for every split the input holds.</summary>
    public string? Split { get; init; }

    public PartitionSpec Partition { get; init; } = PartitionSpec.Whole;

    public SequenceLayout Layout { get; init; } = SequenceLayout.Adaptive;

    public int SeqLen { get; init; } = PackingOptions.DefaultSeqLen;

    public TailPolicy Tail { get; init; } = TailPolicy.Pad;

    /// <summary>The pad id; null for the tokenizer's EOD.</summary>
    public uint? PadId { get; init; }

    public uint? BosId { get; init; }

    /// <summary>The packing strategy's name; null for concat.</summary>
    public string? Pack { get; init; }

    public int? PackWindow { get; init; }

    public long? PackWindowTokens { get; init; }

    /// <summary>The output format's name; null for ULDS.</summary>
    public string? Format { get; init; }

    public int RecordsPerShard { get; init; } = PackJobSettings.DefaultRecordsPerShard;

    public int ZstdLevel { get; init; } = Formats.Ulds.RecordEncoder.DefaultLevel;

    public int Workers { get; init; } = Environment.ProcessorCount;

    public long ByteBudget { get; init; } = PackJobSettings.DefaultByteBudget;

    public bool Resume { get; init; }

    public bool Overwrite { get; init; }
}
