using UltraLLaDA.Training.Sampling;
using static TorchSharp.torch;

namespace UltraLLaDA.Training.Tests.Sampling;

/// <summary>
/// The low-confidence choice in both precisions (generate.py now: softmax in the logits' dtype; before: float64) and
/// torch.topk's tie order on the CPU, against hand-computed cases.
/// </summary>
public class ConfidenceTests
{
    [Fact]
    public void Probabilities_are_rounded_to_the_logits_dtype_unless_float64_is_asked_for()
    {
        // softmax([ln 3, 0, 0])[0] = 3/5 = 0.6; bf16 keeps 8 significant bits: 0.6 · 256 = 153.6 → 154/256.
        float[] row = [MathF.Log(3), 0, 0];
        Assert.Equal(0.6, Confidence.Probability(row, 0, ScalarType.Float64), 7);
        Assert.Equal(0.6f, (float)Confidence.Probability(row, 0, ScalarType.Float32), 6);
        Assert.Equal(154.0 / 256, Confidence.Probability(row, 0, ScalarType.BFloat16));
        // fp16 keeps 11 bits: 0.6 · 2048 = 1228.8 → 1229/2048.
        Assert.Equal(1229.0 / 2048, Confidence.Probability(row, 0, ScalarType.Float16));
        // 0.3005 and 0.3009 are distinct, but both are 154/512 in bf16 (spacing 1/512 there).
        Assert.Equal(Confidence.Round(0.3005f, ScalarType.BFloat16), Confidence.Round(0.3009f, ScalarType.BFloat16));
        Assert.Equal(154f / 512, Confidence.Round(0.3005f, ScalarType.BFloat16));
    }

    [Fact]
    public void Ties_fall_as_torch_topk_breaks_them_on_the_cpu_not_to_the_earliest_position()
    {
        // Four equal confidences at positions 7..10 of a 12-token sequence (-inf elsewhere, as generate.py lays them
        // out): torch.topk on the CPU (libtorch 2.10) keeps 9 then 7 for k = 2, and 9, 7, 8 for k = 3 — neither the
        // earliest nor the latest. The same in every dtype, as the values are equal in all of them.
        int[] candidates = [7, 8, 9, 10];
        double[] equal = [0.25, 0.25, 0.25, 0.25];
        foreach (var type in new[] { ScalarType.BFloat16, ScalarType.Float32, ScalarType.Float64 })
        {
            Assert.Equal([9, 7], Confidence.TopK(equal, candidates, 12, 2, type).Select(j => candidates[j]));
            Assert.Equal([9, 7, 8], Confidence.TopK(equal, candidates, 12, 3, type).Select(j => candidates[j]));
        }

        // Distinct values: the largest, whatever the dtype.
        Assert.Equal([10, 8], Confidence.TopK([0.1, 0.3, 0.2, 0.4], candidates, 12, 2, ScalarType.BFloat16).Select(j => candidates[j]));
        // 0.3005 < 0.3009 in float64, equal in bf16: float64 keeps position 8, bf16 torch's tie choice among 7 and 8.
        Assert.Equal([8], Confidence.TopK([0.1, 0.3009, 0.1, 0.1], candidates, 12, 1, ScalarType.Float64).Select(j => candidates[j]));
        double[] close = [0.3005, 0.3009, 0.1, 0.1];
        double[] rounded = [.. close.Select(c => (double)Confidence.Round((float)c, ScalarType.BFloat16))];
        Assert.Equal([8], Confidence.TopK(close, candidates, 12, 1, ScalarType.Float64).Select(j => candidates[j]));
        var bf16 = Confidence.TopK(rounded, candidates, 12, 1, ScalarType.BFloat16).Select(j => candidates[j]).Single();
        Assert.Equal(TorchTopOne(rounded, candidates, 12, ScalarType.BFloat16), bf16);
    }

    [Theory]
    [InlineData(ConfidenceDType.Float64)]
    [InlineData(ConfidenceDType.Model)]
    public void The_sampler_keeps_what_generate_py_keeps_in_each_precision(ConfidenceDType precision)
    {
        // A bf16 model whose winning logits at the 4 answer positions are 2.000, 2.004, 2.002, 2.006 over 7 zeros:
        // p = e^l / (e^l + 7) ≈ 0.5135, 0.5145, 0.5140, 0.5150: distinct in float64; in bf16 (1/256 apart there)
        // 131/256, 132/256, 132/256, 132/256. Float64 keeps the largest (position +3) first; bf16 ties three of them.
        var model = new TiedModel();
        var log = new List<SamplerStep>();
        LladaSampler.Generate(model, [1, 2, 3], new SamplerOptions { GenLength = 4, BlockLength = 4, Steps = 4, ConfidenceDType = precision }, log.Add);
        var first = log[0].Unmasked.Single() - 3;
        double[] p = [.. new[] { 2.000f, 2.004f, 2.002f, 2.006f }.Select(l => (double)Confidence.Probability([l, 0, 0, 0, 0, 0, 0, 0], 0, precision == ConfidenceDType.Float64 ? ScalarType.Float64 : ScalarType.BFloat16))];
        if (precision == ConfidenceDType.Float64)
        {
            Assert.Equal(3, first);
        }
        else
        {
            Assert.True(p.Distinct().Count() < 4, "bf16 ties some of them");
            Assert.Equal(TorchTopOne(p, [3, 4, 5, 6], 7, ScalarType.BFloat16) - 3, first);
        }
    }

    /// <summary>torch.topk(k=1) itself over generate.py's layout: the expected choice, computed independently of the sampler.</summary>
    private static int TorchTopOne(double[] values, int[] candidates, int length, ScalarType type)
    {
        var full = Enumerable.Repeat(double.NegativeInfinity, length).ToArray();
        for (var j = 0; j < candidates.Length; j++)
            full[candidates[j]] = values[j];
        using var t = tensor(full).to_type(type);
        var (_, index) = t.topk(1);
        using (index)
            return (int)index.data<long>()[0];
    }

    /// <summary>8 ids (mask 7); at answer position k the winning token k has logit 2 + 0.002·w(k), the others 0; logits in bf16.</summary>
    private sealed class TiedModel : IMaskPredictor
    {
        private static readonly float[] _winning = [2.000f, 2.004f, 2.002f, 2.006f];

        public int VocabSize => 8;

        public long MaskId => 7;

        public ScalarType LogitsType => ScalarType.BFloat16;

        public float[] Logits(ReadOnlySpan<long> sequence, ReadOnlySpan<int> positions)
        {
            var logits = new float[positions.Length * VocabSize];
            for (var j = 0; j < positions.Length; j++)
            {
                var k = positions[j] - 3;
                logits[(j * VocabSize) + k] = _winning[k];
            }

            return logits;
        }
    }
}
