namespace UltraLLaDA.Data.Cli.Bench;

/// <summary>What the bench measured on one corpus with one tokenizer.</summary>
internal sealed record BenchMeasurements
{
    public required string Corpus { get; init; }

    public required string Tokenizer { get; init; }

    public required double TextMegabytes { get; init; }

    public required long Documents { get; init; }

    public required int Workers { get; init; }

    /// <summary>Tokenizer alone, one thread: MB of UTF-8 text per second.</summary>
    public required double TokenizerMegabytesPerSecond { get; init; }

    public required double TokenizerTokensPerSecond { get; init; }

    /// <summary>Tokenizer alone, <see cref="Workers"/> threads in one process, MB/s together.</summary>
    public required double TokenizerAllThreadsMegabytesPerSecond { get; init; }

    /// <summary>Whole pack job with one worker, MB/s.</summary>
    public required double PackOneWorkerMegabytesPerSecond { get; init; }

    /// <summary>Whole pack job with <see cref="Workers"/> workers, MB/s.</summary>
    public required double PackAllWorkersMegabytesPerSecond { get; init; }

    /// <summary>Cores of the machine the job ran on: every stage shares them.</summary>
    public required int Cores { get; init; }

    /// <summary>End-to-end speed per core of the machine, the figure a job on more cores scales by.</summary>
    public double PackMegabytesPerCore => PackAllWorkersMegabytesPerSecond / Cores;

    public double PackEfficiency => PackAllWorkersMegabytesPerSecond / (Workers * TokenizerMegabytesPerSecond);

    /// <summary>The pack job with one tokenizer worker against that tokenizer alone: what the other stages cost when they have a core of their own.</summary>
    public double PackOneWorkerEfficiency => PackOneWorkerMegabytesPerSecond / TokenizerMegabytesPerSecond;

    public double PackScaling => PackAllWorkersMegabytesPerSecond / PackOneWorkerMegabytesPerSecond;

    public required double ReadRecordsPerSecond { get; init; }

    public required double ReadMegabytesPerSecond { get; init; }

    public required long ShardBytes { get; init; }

    public required long RawTokenBytes { get; init; }

    public required long Zstd3TokenBytes { get; init; }

    public double ShardOverZstd3 => (double)ShardBytes / Zstd3TokenBytes;

    /// <summary>Peak resident memory of a separate pack process on this corpus (null when not measured).</summary>
    public double? PeakRssMegabytes { get; init; }

    /// <summary>Peak resident memory on a corpus <see cref="RssScale"/> times larger.</summary>
    public double? PeakRssScaledMegabytes { get; init; }

    public int RssScale { get; init; }
}
