using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Pipeline;
using UltraLLaDA.Data.Sources;
using UltraLLaDA.Data.Tests.Support;
using UltraLLaDA.Data.Output;

namespace UltraLLaDA.Data.Tests.Pipeline;

/// <summary>An in-memory corpus and helpers to run pack jobs over it.</summary>
public sealed class PipelineTestCorpus
{
    public PipelineTestCorpus(int documents, int seed = 1)
    {
        var random = new Random(seed);
        Documents = Enumerable.Range(0, documents).Select(i =>
        {
            string? text = (i % 17) switch
            {
                3 => null,
                5 => string.Empty,
                _ => new string((char)('a' + (i % 26)), random.Next(1, 3000)) + (i % 4 == 0 ? "é€" : string.Empty),
            };
            return new SourceDocument(i, text, $"part-{i / 10}.jsonl", i % 10, $"Title {i}", null, null);
        }).ToArray();
    }

    public SourceDocument[] Documents { get; }

    public async IAsyncEnumerable<SourceDocument> Open(long firstOrdinal, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken token)
    {
        foreach (var d in Documents.Where(d => d.Ordinal >= firstOrdinal))
        {
            token.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return d;
        }
    }

    public PackJobSettings Settings(string folder, SequenceLayout layout = SequenceLayout.Eod, int workers = 2, bool resume = false, bool overwrite = false, TailPolicy tail = TailPolicy.Pad) => new()
    {
        OutputDirectory = folder,
        Names = new OutputNames("train"),
        Packing = new PackingOptions { SeqLen = 1000, Layout = layout, Tail = tail, EodId = 1, PadId = 0 },
        RecordsPerShard = 3,
        Workers = workers,
        Resume = resume,
        Overwrite = overwrite,
        Input = "memory",
        ByteBudget = 64 << 10,
    };

    public Task<PackJobResult> RunAsync(PackJobSettings settings, CancellationToken token = default) =>
        new PackJob(settings, new ByteTokenizer(), Open).RunAsync(token);

    /// <summary>Runs a job and cancels it as soon as it has written <paramref name="shards"/> shards; the job must stop with the cancellation.</summary>
    public async Task CancelAfterShardsAsync(PackJobSettings settings, int shards)
    {
        using var cancel = new CancellationTokenSource();
        var job = new PackJob(settings, new ByteTokenizer(), Open);
        var watcher = Task.Run(async () =>
        {
            while (job.Counters.ShardsWritten < shards)
                await Task.Delay(1);
            await cancel.CancelAsync();
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => job.RunAsync(cancel.Token));
        await watcher;
    }

    /// <summary>Every file of a folder, name to bytes.</summary>
    public static SortedDictionary<string, byte[]> Snapshot(string folder) =>
        new(Directory.GetFiles(folder).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes), StringComparer.Ordinal);
}
