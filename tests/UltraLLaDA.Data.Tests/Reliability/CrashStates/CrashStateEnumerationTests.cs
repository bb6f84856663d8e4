using UltraLLaDA.Data.Formats.Megatron;
using UltraLLaDA.Data.Pipeline;
using UltraLLaDA.Data.Output;
using UltraLLaDA.Data.Sources;
using UltraLLaDA.Data.Tests.Pipeline;
using UltraLLaDA.Data.Tests.Support;
using Xunit.Abstractions;

namespace UltraLLaDA.Data.Tests.Reliability.CrashStates;

/// <summary>
/// The kill -9 + --resume promise, proved by enumeration rather than by timing: every job below is
/// stopped right after each of its file-system steps in turn (what was written stays, nothing after
/// happens), recovered, and compared byte for byte with a whole run. With power loss, each file also
/// loses what was not flushed to disk. See docs/crash-consistency.md.
/// </summary>
public class CrashStateEnumerationTests(ITestOutputHelper output)
{
    /// <summary>Twelve documents (one null, one empty): six ULDS shards of three records, four Megatron pairs.</summary>
    private readonly PipelineTestCorpus _corpus = new(12, seed: 5);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Ulds_concat_recovers_every_crash_state(bool losePower)
    {
        using var temp = new TempDirectory();
        var folder = Path.Combine(temp.Path, "train");
        await CheckAsync("ulds concat", folder, new Dictionary<string, byte[]>(), resume => _corpus.RunAsync(Ulds(folder, resume)), losePower);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Ulds_best_fit_recovers_every_crash_state(bool losePower)
    {
        using var temp = new TempDirectory();
        var folder = Path.Combine(temp.Path, "train");
        await CheckAsync("ulds best-fit", folder, new Dictionary<string, byte[]>(), resume => _corpus.RunAsync(BestFit(folder, resume)), losePower);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Megatron_recovers_every_crash_state(bool losePower)
    {
        using var temp = new TempDirectory();
        var folder = Path.Combine(temp.Path, "train");
        await CheckAsync("megatron", folder, new Dictionary<string, byte[]>(), resume => _corpus.RunAsync(Megatron(folder, resume)), losePower);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_partitioned_job_recovers_every_crash_state_beside_its_finished_other_part(bool losePower)
    {
        using var temp = new TempDirectory();
        var folder = Path.Combine(temp.Path, "train");
        Directory.CreateDirectory(folder);
        await RunPartAsync(Ulds(folder, resume: false), 0);
        var before = PipelineTestCorpus.Snapshot(folder);
        await CheckAsync("ulds part 1/2", folder, before, resume => RunPartAsync(Ulds(folder, resume), 1), losePower);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Merge_manifests_recovers_every_crash_state_by_running_again(bool losePower)
    {
        using var temp = new TempDirectory();
        var folder = Path.Combine(temp.Path, "train");
        Directory.CreateDirectory(folder);
        await RunPartAsync(Megatron(folder, resume: false), 0);
        await RunPartAsync(Megatron(folder, resume: false), 1);
        var before = PipelineTestCorpus.Snapshot(folder);
        await CheckAsync("megatron merge-manifests", folder, before, _ => Task.FromResult(ManifestMerger.Merge(folder)), losePower, minimumSteps: 10);
    }

    private async Task CheckAsync<T>(string job, string folder, IReadOnlyDictionary<string, byte[]> before, Func<bool, Task<T>> run, bool losePower, long minimumSteps = 60)
    {
        var enumeration = new CrashStateRun(folder, before, () => run(false), () => run(true));
        var count = await enumeration.CheckEveryStepAsync(losePower);
        output.WriteLine($"{job}{(losePower ? " + power loss" : string.Empty)}: {count.States} crash states checked, {count.Refused} refused, every other one resumed to a whole run's bytes");
        Assert.True(count.States >= minimumSteps, $"{job}: only {count.States} steps; the corpus is meant to give a few shards");
        Assert.Equal(0, count.Refused);
    }

    private PackJobSettings Ulds(string folder, bool resume) => _corpus.Settings(folder, workers: 1, resume: resume);

    private PackJobSettings BestFit(string folder, bool resume)
    {
        var settings = Ulds(folder, resume);
        return settings with { Packing = settings.Packing with { Strategy = "best-fit", WindowDocuments = 4 } };
    }

    private PackJobSettings Megatron(string folder, bool resume) =>
        Ulds(folder, resume) with { Names = new OutputNames("train") { Format = MegatronShardFormat.Instance } };

    /// <summary>Part <paramref name="part"/> of 2: every other run of four documents, with whole-split ordinals.</summary>
    private Task<PackJobResult> RunPartAsync(PackJobSettings settings, int part)
    {
        var parted = settings with { Names = new OutputNames("train", part, 2) { Format = settings.Names.Format } };
        return new PackJob(parted, new ByteTokenizer(), (first, token) => Part(_corpus.Open(first, token), part)).RunAsync();
    }

    private static async IAsyncEnumerable<SourceDocument> Part(IAsyncEnumerable<SourceDocument> documents, int part)
    {
        await foreach (var document in documents)
        {
            if ((document.Ordinal / 4) % 2 == part)
                yield return document;
        }
    }
}
