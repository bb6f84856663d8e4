using UltraLLaDA.Data.Output;
using UltraLLaDA.Data.Pipeline;
using UltraLLaDA.Data.Tests.Pipeline;

namespace UltraLLaDA.Data.Tests.Reliability.CrashStates;

/// <summary>
/// Crash-state enumeration for one job: runs it once whole to count its file-system steps and keep the
/// folder it leaves; then for every N from 1 to the last step, starts again from the same folder, stops
/// the job right after step N (optionally losing power too), recovers (resume, or a rerun for a merge)
/// and compares the whole folder with the whole run's, byte for byte.
/// </summary>
public sealed class CrashStateRun
{
    /// <param name="folder">The split folder the job writes (the same path every time: a Megatron blend names it).</param>
    /// <param name="before">The folder's files before the job (e.g. the other parts of a partitioned job).</param>
    /// <param name="job">Runs the job once (fresh).</param>
    /// <param name="recover">Recovers the folder after a stop: --resume, or the merge run again.</param>
    public CrashStateRun(string folder, IReadOnlyDictionary<string, byte[]> before, Func<Task> job, Func<Task> recover)
    {
        Folder = folder;
        Before = before;
        Job = job;
        Recover = recover;
    }

    private string Folder { get; }

    private IReadOnlyDictionary<string, byte[]> Before { get; }

    private Func<Task> Job { get; }

    private Func<Task> Recover { get; }

    /// <summary>Checks every crash state of the job; returns how many it checked. Fails at the first state that recovers to other bytes.</summary>
    public async Task<CrashStateCount> CheckEveryStepAsync(bool losePower)
    {
        Reset();
        var counting = new StoppingFileSystemSteps();
        using (FileSystemSteps.Use(counting))
            await Job();
        var whole = PipelineTestCorpus.Snapshot(Folder);
        var journal = counting.Journal;

        var refused = 0;
        for (var n = 1L; n <= counting.Steps; n++)
        {
            Reset();
            var stopping = new StoppingFileSystemSteps(n);
            using (FileSystemSteps.Use(stopping))
            {
                try
                {
                    await Job();
                }
                catch (Exception) when (stopping.Stopped)
                {
                    // The "kill": whatever the dying job threw is gone with it.
                }
            }

            if (losePower)
                stopping.LosePower();
            try
            {
                await Recover();
            }
            catch (PackJobException e) when (losePower && e.Message.Contains(Folder, StringComparison.Ordinal))
            {
                // Refusing with a message that names the folder is allowed after a power loss; a different split is not.
                refused++;
                continue;
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"stopped after step {n} of {counting.Steps} ({Describe(journal, n)}){(losePower ? " + power loss" : string.Empty)}: recovery failed: {e}");
            }

            var got = PipelineTestCorpus.Snapshot(Folder);
            var differences = Differences(whole, got);
            if (differences.Count > 0)
                throw new Xunit.Sdk.XunitException($"stopped after step {n} of {counting.Steps} ({Describe(journal, n)}){(losePower ? " + power loss" : string.Empty)}: the recovered folder differs from a whole run's: {string.Join("; ", differences)}");
        }

        return new CrashStateCount(counting.Steps, refused);
    }

    private static string Describe(IReadOnlyList<string> journal, long n) => $"last step: {journal[(int)n - 1]}";

    private static List<string> Differences(SortedDictionary<string, byte[]> expected, SortedDictionary<string, byte[]> got)
    {
        var differences = new List<string>();
        foreach (var name in expected.Keys.Union(got.Keys).Order(StringComparer.Ordinal))
        {
            if (!got.TryGetValue(name, out var bytes))
                differences.Add($"{name} missing");
            else if (!expected.TryGetValue(name, out var want))
                differences.Add($"{name} left over");
            else if (!bytes.AsSpan().SequenceEqual(want))
                differences.Add($"{name} differs ({bytes.Length} bytes, a whole run's {want.Length})");
        }

        return differences;
    }

    private void Reset()
    {
        if (Directory.Exists(Folder))
            Directory.Delete(Folder, recursive: true);
        Directory.CreateDirectory(Folder);
        foreach (var (name, bytes) in Before)
            File.WriteAllBytes(Path.Combine(Folder, name), bytes);
    }
}
