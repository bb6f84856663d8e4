using UltraLLaDA.Training.Model;
using UltraLLaDA.Training.Sampling;

namespace UltraLLaDA.Training.Tests.Sampling;

public class LladaSamplerTests
{
    private const int Vocab = 50;
    private const long Mask = 49;
    private static readonly long[] _prompt = [5, 6, 7, 8, 9, 10, 11];

    [Theory]
    [InlineData(32, 32, 32)]
    [InlineData(32, 8, 32)]
    [InlineData(32, 8, 4)]
    [InlineData(32, 16, 8)]
    [InlineData(32, 32, 5)]
    [InlineData(30, 10, 6)]
    [InlineData(12, 4, 12)]
    [InlineData(8, 1, 8)]
    public void Returns_the_answer_unmasking_exactly_the_schedule_and_never_touching_the_prompt(int genLength, int blockLength, int steps)
    {
        var answer = Enumerable.Range(0, genLength).Select(i => (long)(12 + (i % 30))).ToArray();
        var model = new AnswerPredictor(Vocab, Mask, _ => answer) { PromptLength = _prompt.Length };
        var options = new SamplerOptions { GenLength = genLength, BlockLength = blockLength, Steps = steps };
        var log = new List<SamplerStep>();

        var output = LladaSampler.Generate(model, _prompt, options, log.Add);

        Assert.Equal(answer, output);
        var blocks = genLength / blockLength;
        var perBlock = steps / blocks;
        Assert.Equal(steps, log.Count);
        Assert.Equal(steps, model.Seen.Count);
        for (var b = 0; b < blocks; b++)
        {
            var schedule = TransferSchedule.For(blockLength, perBlock);
            Assert.Equal(blockLength, schedule.Sum());
            for (var s = 0; s < perBlock; s++)
            {
                var step = log[(b * perBlock) + s];
                Assert.Equal((b, s), (step.Block, step.Step));
                Assert.Equal(schedule[s], step.Scheduled);
                Assert.Equal(schedule[s], step.Unmasked.Count);
                // Semi-autoregressive: only the current block's positions are unmasked.
                var start = _prompt.Length + (b * blockLength);
                Assert.All(step.Unmasked, p => Assert.InRange(p, start, start + blockLength - 1));
            }
        }

        // Every forward pass saw the prompt unchanged, and each step one more scheduled batch of tokens decoded.
        Assert.All(model.Seen, x => Assert.Equal(_prompt, x[.._prompt.Length]));
        for (var i = 0; i < model.Seen.Count; i++)
        {
            var decoded = model.Seen[i].Count(t => t != Mask);
            Assert.Equal(_prompt.Length + log.Take(i).Sum(step => step.Unmasked.Count), decoded);
        }
    }

    [Fact]
    public void Low_confidence_remasking_keeps_the_most_confident_predictions_first()
    {
        var answer = Enumerable.Range(0, 8).Select(i => (long)(20 + i)).ToArray();
        // Confidence grows with the position: the last positions of the block are kept first.
        var rising = new AnswerPredictor(Vocab, Mask, _ => answer, confidenceSlope: 0.5) { PromptLength = _prompt.Length };
        var log = new List<SamplerStep>();
        // The stand-in's probabilities differ by less than float32 resolves near 1, so the order is float64's.
        LladaSampler.Generate(rising, _prompt, new SamplerOptions { GenLength = 8, BlockLength = 8, Steps = 4, ConfidenceDType = ConfidenceDType.Float64 }, log.Add);
        Assert.Equal([_prompt.Length + 6, _prompt.Length + 7], log[0].Unmasked);
        Assert.Equal([_prompt.Length, _prompt.Length + 1], log[3].Unmasked);
    }

    [Theory]
    [InlineData(Remasking.Random, 0.0, 0.0)]
    [InlineData(Remasking.LowConfidence, 0.0, 1.5)]
    [InlineData(Remasking.LowConfidence, 0.7, 0.0)]
    public void Random_remasking_guidance_and_temperature_still_find_a_certain_answer(Remasking remasking, double temperature, double cfg)
    {
        var answer = Enumerable.Range(0, 16).Select(i => (long)(30 + (i % 10))).ToArray();
        // With guidance the unconditional pass sees a masked prompt; the answer does not depend on it here.
        var model = new AnswerPredictor(Vocab, Mask, _ => answer) { PromptLength = _prompt.Length };
        var options = new SamplerOptions { GenLength = 16, BlockLength = 8, Steps = 8, Remasking = remasking, Temperature = temperature, CfgScale = cfg, Seed = 3 };
        Assert.Equal(answer, LladaSampler.Generate(model, _prompt, options));
        Assert.Equal(cfg > 0 ? 16 : 8, model.Seen.Count);
        if (cfg > 0)
            Assert.Contains(model.Seen, x => x[.._prompt.Length].All(t => t == Mask));
    }

    [Fact]
    public void The_transfer_schedule_is_llada_s_get_num_transfer_tokens()
    {
        Assert.Equal([3, 3, 2, 2], TransferSchedule.For(10, 4));
        Assert.Equal([1, 1, 1, 0, 0], TransferSchedule.For(3, 5));
        Assert.Equal(Enumerable.Repeat(1, 32), TransferSchedule.For(32, 32));
    }

    [Theory]
    [InlineData(32, 5, 32, "multiple of --block-length")]
    [InlineData(32, 8, 6, "multiple of the number of blocks")]
    [InlineData(0, 8, 8, "must be positive")]
    public void Settings_generate_asserts_against_are_refused(int genLength, int blockLength, int steps, string message)
    {
        var error = Assert.Throws<TrainingConfigException>(() => new SamplerOptions { GenLength = genLength, BlockLength = blockLength, Steps = steps }.Validate());
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_prompt_holding_the_mask_id_is_refused()
    {
        var model = new AnswerPredictor(Vocab, Mask, _ => [1]) { PromptLength = 3 };
        var error = Assert.Throws<TrainingConfigException>(() => LladaSampler.Generate(model, [1, Mask, 2], new SamplerOptions()));
        Assert.Contains("mask id 49 at position 1", error.Message, StringComparison.Ordinal);
    }
}
