using UltraLLaDA.Training.Sampling;

namespace UltraLLaDA.Training.Tests.Sampling;

/// <summary>
/// The sampler against LLaDA's own <c>generate</c> (ML-GSAI/LLaDA generate.py, greedy, low-confidence remasking, no
/// guidance): the expected outputs were produced by that function under torch 1.13 with <c>model(x).logits</c>
/// replaced by <see cref="SineModel"/>, whose logits depend on every decoded token, so each step's choice feeds the next.
/// The first case also has the model predict the mask id itself at one position, which generate.py keeps as is.
/// </summary>
public class GenerateGoldenTests
{
    [Theory]
    [InlineData(16, 8, 8, new long[] { 13, 10, 5, 29, 26, 36, 2, 28, 23, 23, 10, 39, 33, 33, 16, 16 })]
    [InlineData(16, 16, 16, new long[] { 24, 10, 23, 6, 23, 11, 10, 6, 28, 14, 13, 35, 29, 30, 34, 13 })]
    [InlineData(16, 4, 8, new long[] { 27, 10, 16, 16, 37, 37, 3, 36, 14, 30, 36, 2, 4, 24, 37, 7 })]
    [InlineData(12, 12, 5, new long[] { 27, 10, 5, 5, 26, 38, 14, 6, 6, 30, 0, 33 })]
    public void Matches_llada_generate_step_for_step(int genLength, int blockLength, int steps, long[] expected)
    {
        var output = LladaSampler.Generate(new SineModel(), [5, 6, 7, 8, 9, 10, 11], new SamplerOptions { GenLength = genLength, BlockLength = blockLength, Steps = steps });
        Assert.Equal(expected, output);
    }

    /// <summary>
    /// logit(p, v) = float32(3·sin(0.37·v + 0.11·p + 0.013·S)), S = Σ_q x_q·(q + 1) over unmasked positions, mod 1000;
    /// 40 ids, mask 39.
    /// </summary>
    private sealed class SineModel : IMaskPredictor
    {
        public int VocabSize => 40;

        public long MaskId => 39;

        public float[] Logits(ReadOnlySpan<long> sequence, ReadOnlySpan<int> positions)
        {
            long sum = 0;
            for (var q = 0; q < sequence.Length; q++)
                sum += (sequence[q] != MaskId ? sequence[q] : 0) * (q + 1);
            sum %= 1000;
            var logits = new float[positions.Length * VocabSize];
            for (var j = 0; j < positions.Length; j++)
            {
                for (var v = 0; v < VocabSize; v++)
                    logits[(j * VocabSize) + v] = (float)(3.0 * Math.Sin((0.37 * v) + (0.11 * positions[j]) + (0.013 * sum)));
            }

            return logits;
        }
    }
}
