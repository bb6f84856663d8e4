using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Output;

namespace UltraLLaDA.Data.Pipeline;

/// <summary>How one split is packed and where it goes.</summary>
public sealed record PackJobSettings
{
    /// <summary>Default records per shard: 1024 x 64K tokens, about 64M tokens and 100-150 MB a file.</summary>
    public const int DefaultRecordsPerShard = 1024;

    /// <summary>
    /// Text in flight between reading and packing (UTF-16 bytes), the job's main memory bound. A worker needs
    /// about one book at a time; 64 MiB keeps 16 workers fed with books of up to 2 MB, and a larger book still
    /// goes through alone.
    /// </summary>
    public const long DefaultByteBudget = 64L << 20;

    /// <summary>The split's output folder (DIR/&lt;split&gt;).</summary>
    public required string OutputDirectory { get; init; }

    public required OutputNames Names { get; init; }

    public required PackingOptions Packing { get; init; }

    public int RecordsPerShard { get; init; } = DefaultRecordsPerShard;

    public int ZstdLevel { get; init; } = Formats.Ulds.RecordEncoder.DefaultLevel;

    /// <summary>Tokenizer workers. The output does not depend on it.</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    public bool Resume { get; init; }

    public bool Overwrite { get; init; }

    /// <summary>The input as the user gave it, recorded in the manifest.</summary>
    public string? Input { get; init; }

    public long ByteBudget { get; init; } = DefaultByteBudget;
}
