namespace UltraLLaDA.Data.Cli.Bench;

/// <summary>What the bench measured on one corpus with one tokenizer.</summary>
internal sealed record BenchMeasurements
{
    public required string Corpus { get; init; }

    public required string Tokenizer { get; init; }

    public required double TextMegabytes { get; init; }

    public required long Documents { get; init; }

    public required int Workers { get; init; }

    /// <summary>The machine's 1-minute load average when the corpus was done (Linux; null elsewhere).</summary>
    public double? LoadAverage { get; init; }

    /// <summary>Tokenizer alone, one thread, fresh instances (each text met once, as in a job): MB/s of UTF-8 text.</summary>
    public required double TokenizerColdMegabytesPerSecond { get; init; }

    /// <summary>Tokenizer alone, <see cref="Workers"/> threads, fresh instances, MB/s together.</summary>
    public required double TokenizerColdAllThreadsMegabytesPerSecond { get; init; }

    /// <summary>CPU-seconds the cold one-thread tokenizer spends per 100 MB.</summary>
    public required double TokenizerColdCpuSecondsPer100Megabytes { get; init; }

    /// <summary>Tokenizer alone, one thread, warm (the same instances after a pass over the same texts): MB/s.</summary>
    public required double TokenizerMegabytesPerSecond { get; init; }

    public required double TokenizerTokensPerSecond { get; init; }

    /// <summary>Tokenizer alone, warm, <see cref="Workers"/> threads in one process, MB/s together.</summary>
    public required double TokenizerAllThreadsMegabytesPerSecond { get; init; }

    /// <summary>Whole pack job with one worker, MB/s.</summary>
    public required double PackOneWorkerMegabytesPerSecond { get; init; }

    /// <summary>Whole pack job with <see cref="Workers"/> workers, MB/s.</summary>
    public required double PackAllWorkersMegabytesPerSecond { get; init; }

    /// <summary>CPU-seconds of the whole process per 100 MB of text during the one-worker pack job.</summary>
    public required double PackOneWorkerCpuSecondsPer100Megabytes { get; init; }

    /// <summary>CPU-seconds of the whole process per 100 MB during the all-workers pack job.</summary>
    public required double PackAllWorkersCpuSecondsPer100Megabytes { get; init; }

    /// <summary>CPU-seconds per 100 MB by stage, one-worker pack run (the fastest of the runs).</summary>
    public required StageCpuBreakdown PackOneWorkerStageCpu { get; init; }

    /// <summary>CPU-seconds per 100 MB by stage, all-workers pack run.</summary>
    public required StageCpuBreakdown PackAllWorkersStageCpu { get; init; }

    /// <summary>Seconds the JIT compiled during the all-workers pack job, per 100 MB (part of its CPU).</summary>
    public required double PackAllWorkersJitSecondsPer100Megabytes { get; init; }

    /// <summary>Seconds the GC held threads paused during the all-workers pack job, per 100 MB.</summary>
    public required double PackAllWorkersGcPauseSecondsPer100Megabytes { get; init; }

    /// <summary>Seconds from launching a process to its first token, with the compiled tokenizer in the cache.</summary>
    public required double FirstTokenSeconds { get; init; }

    /// <summary>CPU-seconds of that whole process (runtime start included).</summary>
    public required double FirstTokenCpuSeconds { get; init; }

    /// <summary>The same with the cache off: the tokenizer is compiled from its source.</summary>
    public required double FirstTokenUncachedSeconds { get; init; }

    public required double FirstTokenUncachedCpuSeconds { get; init; }

    /// <summary>Hugging Face tokenizers and tiktoken on the peer sample, or notes why not.</summary>
    public required PeerResults Peers { get; init; }

    /// <summary>Ours, cold, one thread, on the peer sample.</summary>
    public required double PeerSampleOursMegabytesPerSecond { get; init; }

    /// <summary>Ours, cold, all threads, on the peer sample.</summary>
    public required double PeerSampleOursAllThreadsMegabytesPerSecond { get; init; }

    /// <summary>Cores of the machine the job ran on: every stage shares them.</summary>
    public required int Cores { get; init; }

    /// <summary>End-to-end speed per core of the machine, the figure a job on more cores scales by.</summary>
    public double PackMegabytesPerCore => PackAllWorkersMegabytesPerSecond / Cores;

    /// <summary>The pack job with all workers against the tokenizer alone with as many threads, both meeting each text once.</summary>
    public double PackEfficiency => PackAllWorkersMegabytesPerSecond / TokenizerColdAllThreadsMegabytesPerSecond;

    /// <summary>
    /// CPU the tokenizer alone needs for the corpus over CPU the whole pack job needs: what
    /// <see cref="PackEfficiency"/> comes to when every core is busy with the job, and a figure a
    /// loaded machine disturbs far less than wall-clock ratios.
    /// </summary>
    public double PackCpuEfficiency => TokenizerColdCpuSecondsPer100Megabytes / PackAllWorkersCpuSecondsPer100Megabytes;

    /// <summary>As <see cref="PackEfficiency"/>, against the warm tokenizer (texts seen before): a lower bound.</summary>
    public double PackEfficiencyWarm => PackAllWorkersMegabytesPerSecond / TokenizerAllThreadsMegabytesPerSecond;

    /// <summary>The pack job with one tokenizer worker against that tokenizer alone (cold): what the other stages cost when they have a core of their own.</summary>
    public double PackOneWorkerEfficiency => PackOneWorkerMegabytesPerSecond / TokenizerColdMegabytesPerSecond;

    /// <summary>The pack job with all workers against Hugging Face's encodeBatch on as many threads (null without that peer).</summary>
    public double? PackOverHuggingFaceBatch => Peers.HuggingFace.Batch is double batch ? PackAllWorkersMegabytesPerSecond / batch : null;

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
