using UltraLLaDA.Training.Loss;
using static TorchSharp.torch;

namespace UltraLLaDA.Training.Tests.Loss;

public class DiffusionLossTests
{
    [Fact]
    public void The_loss_equals_a_hand_computation_on_fixed_logits_and_masks()
    {
        // Batch 2 x length 4; masked: row 0 positions 1 and 3 (p = 0.5), row 1 position 0 (p = 0.25).
        double[][] logits =
        [
            [2.0, 0.5, -1.0],
            [0.0, 0.0, 3.0],
            [1.0, -2.0, 0.5],
        ];
        long[] targets = [0, 1, 2];
        double[] p = [0.5, 0.5, 0.25];

        var expected = 0.0;
        for (var i = 0; i < 3; i++)
        {
            var logSumExp = Math.Log(logits[i].Sum(Math.Exp));
            expected += (logSumExp - logits[i][targets[i]]) / p[i];
        }

        expected /= 2 * 4;

        using var logitTensor = tensor(logits.SelectMany(r => r).Select(x => (float)x).ToArray(), [3, 3]);
        using var loss = DiffusionLoss.FromMaskedLogits(logitTensor, tensor(targets), tensor(p.Select(x => (float)x).ToArray()), batch: 2, length: 4);
        Assert.Equal(expected, loss.item<float>(), 5);
    }

    [Fact]
    public void Padding_is_never_masked_and_masked_tokens_become_the_mask_id()
    {
        var tokens = Enumerable.Range(10, 64).Select(i => (long)i).ToArray();
        var padding = tokens.Select((_, i) => i % 32 >= 24).ToArray();
        for (ulong seed = 0; seed < 50; seed++)
        {
            var masked = MaskSampler.Sample(tokens, padding, 2, 999, new DeterministicRandom(seed));
            foreach (var at in masked.Positions)
            {
                Assert.False(padding[at]);
                Assert.Equal(999, masked.Noisy[at]);
                Assert.Equal(tokens[at], masked.Targets[Array.IndexOf(masked.Positions, at)]);
            }

            Assert.Equal(masked.Positions.Length, masked.Noisy.Count(t => t == 999));
            Assert.All(masked.RowProbabilities, q => Assert.InRange(q, MaskSampler.Epsilon, 1.0));
        }
    }

    [Fact]
    public void Masking_rate_follows_p_equals_one_minus_eps_t_plus_eps()
    {
        // Over many draws the masked fraction of a row is p on average, and p is uniform on [eps, 1].
        var tokens = new long[1000];
        var padding = new bool[1000];
        var random = new DeterministicRandom(42);
        double rateError = 0;
        double meanP = 0;
        const int Draws = 400;
        for (var d = 0; d < Draws; d++)
        {
            var masked = MaskSampler.Sample(tokens, padding, 1, 1, random);
            rateError += Math.Abs((masked.MaskedCount / 1000.0) - masked.RowProbabilities[0]);
            meanP += masked.RowProbabilities[0];
        }

        Assert.True(rateError / Draws < 0.02, $"masked fraction strays {rateError / Draws:F4} from p on average");
        Assert.InRange(meanP / Draws, 0.45, 0.55);
    }

    [Fact]
    public void The_same_seed_draws_the_same_masks()
    {
        var tokens = Enumerable.Range(0, 300).Select(i => (long)i).ToArray();
        var padding = new bool[300];
        var a = MaskSampler.Sample(tokens, padding, 3, 7, new DeterministicRandom(DeterministicRandom.Derive(1, 2, 3)));
        var b = MaskSampler.Sample(tokens, padding, 3, 7, new DeterministicRandom(DeterministicRandom.Derive(1, 2, 3)));
        var c = MaskSampler.Sample(tokens, padding, 3, 7, new DeterministicRandom(DeterministicRandom.Derive(1, 2, 4)));
        Assert.Equal(a.Positions, b.Positions);
        Assert.NotEqual(a.Positions, c.Positions);
    }
}
