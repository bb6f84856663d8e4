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

        // The same tokenizer instances through warm-up and timed runs: the JIT has tiered up the hot
        // loops and each worker's piece cache is as full as it is after the first megabytes of a job.
        // This is the steady-state speed a long job runs at, the yardstick for the pack job.
        var oneThread = Workers(tokenizer, 1);
        var allThreads = Workers(tokenizer, workers);
        Encode(oneThread, texts, maxMegabytes: 8);
        var one = Best(() => Encode(oneThread, texts));
        Encode(allThreads, texts, maxMegabytes: 8);
        var all = Best(() => Encode(allThreads, texts));
        log($"  tokenizer alone: {megabytes / one.Seconds:N1} MB/s with 1 thread, {workers * megabytes / all.Seconds:N1} MB/s with {workers}");
        texts.Clear();

        var output = Path.Combine(scratch, "shards");
        var packOne = Best(() => Pack(tokenizer, corpus, layout, output, 1, cancellationToken));
        var packAll = Best(() => Pack(tokenizer, corpus, layout, output, workers, cancellationToken));
        log($"  pack job: {megabytes / packOne.Seconds:N1} MB/s with 1 worker, {megabytes / packAll.Seconds:N1} MB/s with {workers}");

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
            TokenizerMegabytesPerSecond = megabytes / one.Seconds,
            TokenizerTokensPerSecond = one.Count / one.Seconds,
            TokenizerAllThreadsMegabytesPerSecond = workers * megabytes / all.Seconds,
            PackOneWorkerMegabytesPerSecond = megabytes / packOne.Seconds,
            PackAllWorkersMegabytesPerSecond = megabytes / packAll.Seconds,
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

    /// <summary>The pack command the memory probe runs: the tool's defaults, as a user would run it.</summary>
    public string[] PackArguments(string corpus, SourceLayout layout, string output) =>
    [
        "pack", "--input", corpus, "--split", "train", "--input-format", layout == SourceLayout.Pg19Text ? "pg19" : "auto",
        "--tokenizer", tokenizerSpec, "--layout", "adaptive", "--out", output, "--overwrite", "--no-progress", "--workers", workers.ToString(System.Globalization.CultureInfo.InvariantCulture),
    ];

    private static Measurement Best(Func<Measurement> run) => Enumerable.Range(0, Repeats).Select(_ => run()).MinBy(m => m.Seconds)!;

    private static ITextTokenizer[] Workers(ITextTokenizer prototype, int threads) =>
        Enumerable.Range(0, threads).Select(_ => prototype.CreateWorker()).ToArray();

    /// <summary>Each tokenizer, on a thread of its own, encodes every text once, all at the same time.</summary>
    private static Measurement Encode(ITextTokenizer[] tokenizers, List<string> texts, double maxMegabytes = double.MaxValue)
    {
        var threads = tokenizers.Length;
        long tokens = 0;
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
        return new Measurement(clock.Elapsed.TotalSeconds, tokens / threads, 0);
    }

    private static Measurement Pack(ITextTokenizer tokenizer, string corpus, SourceLayout layout, string output, int workers, CancellationToken cancellationToken)
    {
        // The pack command's own policy (pad = EOD, ids checked), so bench measures what pack does.
        var split = CorpusJob.Plan(
            new CorpusJobRequest { Input = corpus, Output = output, Split = "train", InputLayout = layout, Layout = SequenceLayout.Adaptive, Workers = workers, Overwrite = true },
            tokenizer).Splits[0];
        // A fresh tokenizer, as in a pack process: every worker starts with an empty piece cache.
        var fresh = tokenizer.CreateWorker();
        var clock = Stopwatch.StartNew();
        var result = split.CreateJob(fresh).RunAsync(cancellationToken).GetAwaiter().GetResult();
        return new Measurement(clock.Elapsed.TotalSeconds, result.Manifest.Totals!.Documents, 0);
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

        return new Measurement(clock.Elapsed.TotalSeconds, records, bytes);
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

    private sealed record Measurement(double Seconds, long Count, long Bytes);

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
