using System.Diagnostics;
using System.Text;
using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Pipeline;
using UltraLLaDA.Data.Formats.Ulds;
using UltraLLaDA.Data.Sources;
using UltraLLaDA.Data.Tokenization;
using ZstdSharp;

namespace UltraLLaDA.Data.Cli.Bench;

/// <summary>
/// Takes the bench's measurements on one corpus: tokenizer alone, the whole pack job with one and
/// all workers, shard reading, shard size against zstd -3 of the bare tokens, and peak memory of a
/// separate pack process at two corpus sizes. Every timing is the best of a few runs after a warm-up,
/// since other work on the machine only ever makes a run slower.
/// </summary>
internal sealed class BenchRunner(string tokenizerSpec, int workers, string scratch, Action<string> log)
{
    private const int Repeats = 3;
    private const double PeerSampleMegabytes = 4;

    public async Task<BenchMeasurements> RunAsync(string corpusName, string corpus, SourceLayout layout, Func<Task<string>>? scaledCorpus, int rssScale, CancellationToken cancellationToken)
    {
        var tokenizer = TokenizerLoader.Load(tokenizerSpec);
        var texts = new List<string>();
        await foreach (var document in DocumentSources.Open(corpus, "train", layout: layout).ReadAsync(0, cancellationToken).ConfigureAwait(false))
        {
            if (!string.IsNullOrEmpty(document.Text))
                texts.Add(document.Text);
        }

        var megabytes = texts.Sum(t => (double)Encoding.UTF8.GetByteCount(t)) / 1e6;
        log($"{corpusName}: {texts.Count:N0} documents, {megabytes:N1} MB; tokenizer {tokenizer.Info.Name}");

        // The JIT tiers up on a first pass; piece caches are per instance, so fresh instances after it
        // start as empty as a pack job's workers do.
        Encode(Workers(tokenizer, workers), texts, maxMegabytes: 8);

        // Cold: every timed pass uses fresh instances, so each text is tokenized once with caches
        // that have not seen it, as in a pack job. This is the yardstick for the pack job.
        var coldOne = Best(() => Encode(Workers(tokenizer, 1), texts));
        var coldAll = Best(() => Encode(Workers(tokenizer, workers), texts));
        log($"  tokenizer alone, cold caches: {megabytes / coldOne.Seconds:N1} MB/s with 1 thread, {workers * megabytes / coldAll.Seconds:N1} MB/s with {workers}");

        // Warm: the same instances after a full pass over the same bytes, so nearly every piece is a
        // cache hit. Faster than any job that reads each text once; shown for comparison only.
        var oneThread = Workers(tokenizer, 1);
        var allThreads = Workers(tokenizer, workers);
        Encode(oneThread, texts);
        var warmOne = Best(() => Encode(oneThread, texts));
        Encode(allThreads, texts);
        var warmAll = Best(() => Encode(allThreads, texts));
        log($"  tokenizer alone, warm caches (texts seen before): {megabytes / warmOne.Seconds:N1} MB/s with 1 thread, {workers * megabytes / warmAll.Seconds:N1} MB/s with {workers}");

        var peers = await MeasurePeersAsync(tokenizer, texts, cancellationToken).ConfigureAwait(false);
        texts.Clear();

        var output = Path.Combine(scratch, "shards");
        var packOne = Best(() => Pack(tokenizer, corpus, layout, output, 1, cancellationToken));
        var packAll = Best(() => Pack(tokenizer, corpus, layout, output, workers, cancellationToken));
        var stagesOne = StageCpuBreakdown.From(packOne.Stages!, packOne.Cost.Cpu, megabytes);
        var stagesAll = StageCpuBreakdown.From(packAll.Stages!, packAll.Cost.Cpu, megabytes);
        log($"  CPU-s per 100 MB by stage, 1 worker: {stagesOne}");
        log($"  CPU-s per 100 MB by stage, {workers} workers: {stagesAll}");
        log($"  pack job: {megabytes / packOne.Seconds:N1} MB/s with 1 worker ({PerHundred(packOne.Cost.Cpu, megabytes):N2} CPU-s per 100 MB), {megabytes / packAll.Seconds:N1} MB/s with {workers} ({PerHundred(packAll.Cost.Cpu, megabytes):N2} CPU-s per 100 MB)");

        var firstTokenCold = await FirstTokenAsync("off", cancellationToken).ConfigureAwait(false);
        var warmCache = Path.Combine(scratch, "tokenizer-cache");
        await FirstTokenProbe.MeasureAsync(tokenizerSpec, warmCache, cancellationToken).ConfigureAwait(false);
        var firstTokenWarm = await FirstTokenAsync(warmCache, cancellationToken).ConfigureAwait(false);
        log($"  start to first token: {firstTokenWarm.Seconds:N2} s ({firstTokenWarm.CpuSeconds:N2} CPU-s) with the compiled tokenizer cached, {firstTokenCold.Seconds:N2} s ({firstTokenCold.CpuSeconds:N2} CPU-s) compiling it from the source");

        var shards = Directory.GetFiles(Path.Combine(output, "train"), "*.ulds").Order(StringComparer.Ordinal).ToArray();
        var read = Best(() => ReadAll(shards));
        log($"  shard read: {read.Count / read.Seconds:N0} records/s, {read.Bytes / 1e6 / read.Seconds:N0} MB/s of payload (1 thread)");
        var (shardBytes, rawBytes, zstdBytes) = Sizes(shards);
        log($"  size: shards {shardBytes / 1e6:N1} MB, raw uint32 tokens {rawBytes / 1e6:N1} MB, zstd -3 of the tokens {zstdBytes / 1e6:N1} MB");

        double? rss = null, rssScaled = null;
        if (scaledCorpus is not null)
        {
            rss = await PeakMemory.MeasureMegabytesAsync(PackArguments(corpus, layout, Path.Combine(scratch, "rss-1x")), cancellationToken).ConfigureAwait(false);
            var big = await scaledCorpus().ConfigureAwait(false);
            rssScaled = await PeakMemory.MeasureMegabytesAsync(PackArguments(big, layout, Path.Combine(scratch, $"rss-{rssScale}x")), cancellationToken).ConfigureAwait(false);
            Directory.Delete(Path.Combine(scratch, $"rss-{rssScale}x"), recursive: true);
            log($"  peak RSS of a pack process: {rss:N0} MB on this corpus, {rssScaled:N0} MB on {rssScale}x");
        }

        return new BenchMeasurements
        {
            Corpus = corpusName,
            Tokenizer = tokenizer.Info.Name,
            TextMegabytes = megabytes,
            Documents = packAll.Count,
            Workers = workers,
            Cores = Environment.ProcessorCount,
            LoadAverage = LoadAverage(),
            TokenizerColdMegabytesPerSecond = megabytes / coldOne.Seconds,
            TokenizerColdAllThreadsMegabytesPerSecond = workers * megabytes / coldAll.Seconds,
            TokenizerMegabytesPerSecond = megabytes / warmOne.Seconds,
            TokenizerTokensPerSecond = warmOne.Count / warmOne.Seconds,
            TokenizerAllThreadsMegabytesPerSecond = workers * megabytes / warmAll.Seconds,
            PackOneWorkerMegabytesPerSecond = megabytes / packOne.Seconds,
            PackAllWorkersMegabytesPerSecond = megabytes / packAll.Seconds,
            PackOneWorkerCpuSecondsPer100Megabytes = PerHundred(packOne.Cost.Cpu, megabytes),
            PackAllWorkersCpuSecondsPer100Megabytes = PerHundred(packAll.Cost.Cpu, megabytes),
            PackAllWorkersJitSecondsPer100Megabytes = PerHundred(packAll.Cost.Jit, megabytes),
            PackAllWorkersGcPauseSecondsPer100Megabytes = PerHundred(packAll.Cost.GcPause, megabytes),
            TokenizerColdCpuSecondsPer100Megabytes = PerHundred(coldOne.Cost.Cpu, megabytes),
            PackOneWorkerStageCpu = stagesOne,
            PackAllWorkersStageCpu = stagesAll,
            FirstTokenSeconds = firstTokenWarm.Seconds,
            FirstTokenCpuSeconds = firstTokenWarm.CpuSeconds,
            FirstTokenUncachedSeconds = firstTokenCold.Seconds,
            FirstTokenUncachedCpuSeconds = firstTokenCold.CpuSeconds,
            Peers = peers.Results,
            PeerSampleOursMegabytesPerSecond = peers.OursOneThread,
            PeerSampleOursAllThreadsMegabytesPerSecond = peers.OursAllThreads,
            ReadRecordsPerSecond = read.Count / read.Seconds,
            ReadMegabytesPerSecond = read.Bytes / 1e6 / read.Seconds,
            ShardBytes = shardBytes,
            RawTokenBytes = rawBytes,
            Zstd3TokenBytes = zstdBytes,
            PeakRssMegabytes = rss,
            PeakRssScaledMegabytes = rssScaled,
            RssScale = rssScale,
        };
    }

    private static double PerHundred(TimeSpan cost, double megabytes) => cost.TotalSeconds / megabytes * 100;

    /// <summary>The 1-minute load average (Linux), so a reader can tell how busy the machine was.</summary>
    private static double? LoadAverage()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.Parse(first, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    private async Task<(double Seconds, double CpuSeconds)> FirstTokenAsync(string cacheSetting, CancellationToken cancellationToken)
    {
        double seconds = double.MaxValue, cpu = double.MaxValue;
        for (var i = 0; i < Repeats; i++)
        {
            var run = await FirstTokenProbe.MeasureAsync(tokenizerSpec, cacheSetting, cancellationToken).ConfigureAwait(false);
            seconds = Math.Min(seconds, run.Seconds);
            cpu = Math.Min(cpu, run.CpuSeconds);
        }
        return (seconds, cpu);
    }

    /// <summary>
    /// The peers on the first <see cref="PeerSampleMegabytes"/> MB of the corpus (they are 10-30x
    /// slower than ours, so the whole corpus would take minutes), with ours, cold, on the same texts.
    /// </summary>
    private async Task<(PeerResults Results, double OursOneThread, double OursAllThreads)> MeasurePeersAsync(ITextTokenizer tokenizer, List<string> texts, CancellationToken cancellationToken)
    {
        var sample = new List<string>();
        double sampleMegabytes = 0;
        foreach (var text in texts)
        {
            if (sampleMegabytes >= PeerSampleMegabytes)
                break;
            sample.Add(text);
            sampleMegabytes += Encoding.UTF8.GetByteCount(text) / 1e6;
        }

        var ours = Best(() => Encode(Workers(tokenizer, 1), sample));
        var oursAll = Best(() => Encode(Workers(tokenizer, workers), sample));
        var probeText = sample[0][..Math.Min(4000, sample[0].Length)];
        var probeIds = new TokenBuffer(1024);
        tokenizer.CreateWorker().Encode(probeText, probeIds);
        var request = new PeerRequest(sample, PeerTokenizerJson(), probeText, probeIds.Span.ToArray());
        var results = await PeerTokenizers.MeasureAsync(request, scratch, workers, cancellationToken).ConfigureAwait(false);
        log($"  peers on the first {sampleMegabytes:N1} MB: ours {sampleMegabytes / ours.Seconds:N1} MB/s (1 thread, cold), {workers * sampleMegabytes / oursAll.Seconds:N1} MB/s ({workers})"
            + $"; Hugging Face tokenizers {Describe(results.HuggingFace, workers)}; tiktoken {Describe(results.Tiktoken, workers)}");
        return (results, sampleMegabytes / ours.Seconds, workers * sampleMegabytes / oursAll.Seconds);
    }

    private static string Describe(PeerFigures figures, int workers) =>
        figures.Note ?? $"{figures.OneThread:N2} MB/s (1 thread){(figures.Batch is double batch ? $", {batch:N2} MB/s (encodeBatch, {workers})" : "")}";

    /// <summary>
    /// The tokenizer.json the Hugging Face peer loads: the bench's own file, or for the built-in
    /// o200k_base the fetched GPT-4o tokenizer.json, which holds the same vocabulary (the golden tests check it).
    /// </summary>
    private string? PeerTokenizerJson()
    {
        if (File.Exists(tokenizerSpec))
            return Path.GetFullPath(tokenizerSpec);
        if (Directory.Exists(tokenizerSpec) && File.Exists(Path.Combine(tokenizerSpec, "tokenizer.json")))
            return Path.GetFullPath(Path.Combine(tokenizerSpec, "tokenizer.json"));
        var gpt4o = Path.GetFullPath(Path.Combine(".tokenizers", "gpt4o", "tokenizer.json"));
        return tokenizerSpec.Equals(TokenizerLoader.DefaultName, StringComparison.OrdinalIgnoreCase) && File.Exists(gpt4o) ? gpt4o : null;
    }

    /// <summary>The pack command the memory probe runs: the tool's defaults, as a user would run it.</summary>
    public string[] PackArguments(string corpus, SourceLayout layout, string output) =>
    [
        "pack", "--input", corpus, "--split", "train", "--input-format", layout == SourceLayout.Pg19Text ? "pg19" : "auto",
        "--tokenizer", tokenizerSpec, "--layout", "adaptive", "--out", output, "--overwrite", "--no-progress", "--workers", workers.ToString(System.Globalization.CultureInfo.InvariantCulture),
    ];

    /// <summary>The fastest of a few runs, with the CPU of the run that used least (other work on the machine only ever adds to both).</summary>
    private static Measurement Best(Func<Measurement> run)
    {
        var runs = Enumerable.Range(0, Repeats).Select(_ => run()).ToList();
        var fastest = runs.MinBy(m => m.Seconds)!;
        // CPU figures all come from one run, the one that used least, so its stages add up to its total.
        var leanest = runs.MinBy(m => m.Cost.Cpu)!;
        return fastest with { Cost = leanest.Cost, Stages = leanest.Stages };
    }

    private static ITextTokenizer[] Workers(ITextTokenizer prototype, int threads) =>
        Enumerable.Range(0, threads).Select(_ => prototype.CreateWorker()).ToArray();

    /// <summary>Each tokenizer, on a thread of its own, encodes every text once, all at the same time.</summary>
    private static Measurement Encode(ITextTokenizer[] tokenizers, List<string> texts, double maxMegabytes = double.MaxValue)
    {
        var threads = tokenizers.Length;
        long tokens = 0;
        var before = ProcessCost.Now();
        var clock = Stopwatch.StartNew();
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, thread =>
        {
            var ids = new TokenBuffer(1 << 20);
            double chars = 0;
            foreach (var text in texts)
            {
                ids.Clear();
                tokenizers[thread].Encode(text, ids);
                Interlocked.Add(ref tokens, ids.Count);
                chars += text.Length;
                if (chars / 1e6 > maxMegabytes)
                    break;
            }
        });
        return new Measurement(clock.Elapsed.TotalSeconds, tokens / threads, 0, ProcessCost.Now() - before);
    }

    private static Measurement Pack(ITextTokenizer tokenizer, string corpus, SourceLayout layout, string output, int workers, CancellationToken cancellationToken)
    {
        // The pack command's own policy (pad = EOD, ids checked), so bench measures what pack does.
        var split = CorpusJob.Plan(
            new CorpusJobRequest { Input = corpus, Output = output, Split = "train", InputLayout = layout, Layout = SequenceLayout.Adaptive, Workers = workers, Overwrite = true },
            tokenizer).Splits[0];
        // A fresh tokenizer, as in a pack process: every worker starts with an empty piece cache.
        var fresh = tokenizer.CreateWorker();
        var before = ProcessCost.Now();
        var clock = Stopwatch.StartNew();
        var job = split.CreateJob(fresh);
        var result = job.RunAsync(cancellationToken).GetAwaiter().GetResult();
        return new Measurement(clock.Elapsed.TotalSeconds, result.Manifest.Totals!.Documents, 0, ProcessCost.Now() - before) { Stages = job.Counters.StageCpu };
    }

    private static Measurement ReadAll(string[] shards)
    {
        long records = 0, bytes = 0;
        ShardRecord? reuse = null;
        var clock = Stopwatch.StartNew();
        foreach (var path in shards)
        {
            using var reader = ShardReader.Open(path);
            for (var i = 0; i < reader.RecordCount; i++)
            {
                reuse = reader.ReadRecord(i, reuse);
                records++;
                bytes += reader.Index[i].PayloadSize;
            }
        }

        return new Measurement(clock.Elapsed.TotalSeconds, records, bytes, default);
    }

    /// <summary>Shard bytes; the records' tokens as raw uint32; those tokens as one zstd level-3 frame (what `zstd -3` makes of the bare array).</summary>
    private static (long Shards, long Raw, long Zstd) Sizes(string[] shards)
    {
        long shardBytes = 0, raw = 0;
        var counter = new CountingStream();
        using (var zstd = new CompressionStream(counter, level: 3, leaveOpen: true))
        {
            foreach (var path in shards)
            {
                shardBytes += new FileInfo(path).Length;
                using var reader = ShardReader.Open(path);
                foreach (var record in reader.ReadAll(reuse: true))
                {
                    var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(record.Tokens);
                    zstd.Write(bytes);
                    raw += bytes.Length;
                }
            }
        }

        return (shardBytes, raw, counter.Length);
    }

    private sealed record Measurement(double Seconds, long Count, long Bytes, ProcessCost Cost)
    {
        /// <summary>Per-stage CPU of a pack run.</summary>
        public PackStageCpu? Stages { get; init; }
    }

    /// <summary>A write-only stream that only counts what it is given.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
    }
}
