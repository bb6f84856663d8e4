using UltraLLaDA.Training.Checkpoints;
using UltraLLaDA.Training.Metrics;
using UltraLLaDA.Training.Tests.Support;
using UltraLLaDA.Training.Training;

namespace UltraLLaDA.Training.Tests.Training;

public sealed class ResumeTests : IClassFixture<PackedSample>
{
    private readonly PackedSample _sample;

    public ResumeTests(PackedSample sample) => _sample = sample;

    [Theory]
    [InlineData("", "fp32")]
    [InlineData("bf16", "bf16")]
    public void Save_and_resume_gives_the_weights_of_an_uninterrupted_run_bit_for_bit(string dtype, string optimizerState)
    {
        using var temp = new TempDirectory();
        var straight = TrainingRuns.Tiny(_sample.Folder, temp.Combine("straight"), steps: 12) with { CheckpointEvery = 5, TokensPerStep = 4096, DType = dtype, OptimizerState = optimizerState };
        var interrupted = straight with { Output = temp.Combine("interrupted") };

        var full = new Trainer().Run(straight);
        var first = new Trainer().Run(interrupted with { StopAfter = 7 });
        Assert.Equal(7, first.Step);
        Assert.EndsWith("step-00000005", first.LastCheckpoint, StringComparison.Ordinal);
        // The interrupted run went past its last checkpoint (step 7 > 5): resuming replays 6 and 7 from step 5.
        var resumed = new Trainer().Resume(interrupted.Output);
        Assert.Equal(12, resumed.Step);
        Assert.Equal(full.Position, resumed.Position);

        foreach (var file in new[] { CheckpointStore.ModelFile, CheckpointStore.OptimizerFile })
        {
            var a = File.ReadAllBytes(Path.Combine(full.LastCheckpoint!, file));
            var b = File.ReadAllBytes(Path.Combine(resumed.LastCheckpoint!, file));
            Assert.True(a.AsSpan().SequenceEqual(b), $"{file} differs between the uninterrupted and the resumed run");
        }

        var straightLosses = MetricsLog.Read(full.MetricsPath).Select(m => (m.Step, m.Loss, m.GradNorm));
        var resumedLosses = MetricsLog.Read(resumed.MetricsPath).Select(m => (m.Step, m.Loss, m.GradNorm));
        Assert.Equal(straightLosses, resumedLosses);
    }

    [Fact]
    public void Resume_refuses_shards_of_another_tokenizer()
    {
        using var temp = new TempDirectory();
        var options = TrainingRuns.Tiny(_sample.Folder, temp.Combine("run"), steps: 2) with { CheckpointEvery = 1 };
        new Trainer().Run(options with { StopAfter = 1 });
        var checkpoint = CheckpointStore.Resolve(options.Output);
        var statePath = Path.Combine(checkpoint, CheckpointStore.StateFile);
        var sha = CheckpointStore.ReadState(checkpoint).Data.TokenizerSha256;
        File.WriteAllText(statePath, File.ReadAllText(statePath).Replace(sha, new string('f', 64), StringComparison.Ordinal));
        var error = Assert.Throws<UltraLLaDA.Training.Data.DataException>(() => new Trainer().Resume(options.Output));
        Assert.Contains("tokenizer fingerprint", error.Message, StringComparison.Ordinal);
    }
}
