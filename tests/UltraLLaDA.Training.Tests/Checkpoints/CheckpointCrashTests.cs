using UltraLLaDA.Training.Checkpoints;
using UltraLLaDA.Training.Tests.Support;
using UltraLLaDA.Training.Tests.Training;
using UltraLLaDA.Training.Training;

namespace UltraLLaDA.Training.Tests.Checkpoints;

/// <summary>
/// A kill (or power loss) during a checkpoint write: the run resumes from the last whole checkpoint and
/// continues bit for bit as an uninterrupted run on the CPU. Each case below is a state the save's
/// steps can leave (see CheckpointStore's commit protocol and docs/crash-consistency.md).
/// </summary>
public sealed class CheckpointCrashTests : IClassFixture<PackedSample>
{
    private readonly PackedSample _sample;

    public CheckpointCrashTests(PackedSample sample) => _sample = sample;

    private static readonly string[] States =
    [
        "partial folder, files half written, latest.tmp left behind",
        "latest cut short by a power loss",
        "latest names a checkpoint that never got its name",
    ];

    [Fact]
    public void Every_state_a_killed_save_leaves_resumes_from_the_last_whole_checkpoint_to_an_uninterrupted_runs_bits()
    {
        using var temp = new TempDirectory();
        var straight = TrainingRuns.Tiny(_sample.Folder, temp.Combine("straight"), steps: 8) with { CheckpointEvery = 3, TokensPerStep = 4096 };
        var full = new Trainer().Run(straight);
        foreach (var state in States)
        {
            // Stopped at step 5: its last whole checkpoint is step 3; the save of step 6 is the one "killed".
            // Each case is its own run: a resume continues in the folder the run's saved options name.
            var run = temp.Combine("case-" + Array.IndexOf(States, state));
            var first = new Trainer().Run(straight with { Output = run, StopAfter = 5 });
            Assert.EndsWith("step-00000003", first.LastCheckpoint, StringComparison.Ordinal);
            Spoil(CheckpointStore.Folder(run), state);

            Assert.EndsWith("step-00000003", CheckpointStore.Resolve(run), StringComparison.Ordinal);
            var resumed = new Trainer().Resume(run);
            Assert.Equal(8, resumed.Step);
            foreach (var file in new[] { CheckpointStore.ModelFile, CheckpointStore.OptimizerFile })
            {
                var a = File.ReadAllBytes(Path.Combine(full.LastCheckpoint!, file));
                var b = File.ReadAllBytes(Path.Combine(resumed.LastCheckpoint!, file));
                Assert.True(a.AsSpan().SequenceEqual(b), $"{state}: {file} differs from the uninterrupted run's");
            }

            Assert.Empty(Directory.GetDirectories(CheckpointStore.Folder(run), "*" + CheckpointStore.PartialSuffix));
            Assert.False(File.Exists(Path.Combine(CheckpointStore.Folder(run), CheckpointStore.LatestFile + ".tmp")));
        }
    }

    /// <summary>Leaves in <paramref name="root"/> what a save of step 6 killed at that point leaves.</summary>
    private static void Spoil(string root, string state)
    {
        var whole = Path.Combine(root, "step-00000003");
        var partial = Path.Combine(root, "step-00000006" + CheckpointStore.PartialSuffix);
        switch (state)
        {
            case "partial folder, files half written, latest.tmp left behind":
                Directory.CreateDirectory(partial);
                var model = File.ReadAllBytes(Path.Combine(whole, CheckpointStore.ModelFile));
                File.WriteAllBytes(Path.Combine(partial, CheckpointStore.ModelFile + ".tmp"), model[..(model.Length / 2)]);
                File.WriteAllText(Path.Combine(root, CheckpointStore.LatestFile + ".tmp"), "step-0000");
                break;
            case "latest cut short by a power loss":
                File.WriteAllBytes(Path.Combine(root, CheckpointStore.LatestFile), []);
                break;
            case "latest names a checkpoint that never got its name":
                CopyFolder(whole, partial);
                File.WriteAllText(Path.Combine(root, CheckpointStore.LatestFile), "step-00000006\n");
                break;
            default:
                throw new ArgumentException(state, nameof(state));
        }
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
