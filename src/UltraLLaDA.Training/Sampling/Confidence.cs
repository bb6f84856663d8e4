using static TorchSharp.torch;

namespace UltraLLaDA.Training.Sampling;

/// <summary>
/// generate.py's low-confidence remasking: <c>p = softmax(logits)</c>, <c>x0_p = p[x0]</c>, then
/// <c>topk(where(mask, x0_p, -inf), k)</c> over the whole sequence. In the logits' dtype (bf16 on a GPU) the
/// probabilities are rounded to that dtype, so distinct float64 values can tie; which of equal values topk keeps is
/// torch's business, so the choice is made by torch.topk itself, on the CPU, on a tensor laid out as generate.py's.
/// </summary>
/// <remarks>
/// The softmax is computed in float32 and rounded to bf16 or fp16, as torch's reduced-precision softmax accumulates
/// in float32 and rounds its output; it agrees with torch to within float32 rounding (torch's vectorised exp may
/// differ in the last bit), not bit for bit. A GPU's topk may break ties differently from the CPU's; that path is not
/// reproduced (no GPU here to check it).
/// </remarks>
public static class Confidence
{
    /// <summary>softmax(row)[token] in <paramref name="type"/>: float64, or float32 arithmetic rounded to the logits' dtype.</summary>
    public static double Probability(ReadOnlySpan<float> row, int token, ScalarType type)
    {
        if (type == ScalarType.Float64)
        {
            double max = row[0];
            foreach (var value in row)
                max = Math.Max(max, value);
            double sum = 0;
            foreach (var value in row)
                sum += Math.Exp(value - max);
            return Math.Exp(row[token] - max) / sum;
        }

        var top = row[0];
        foreach (var value in row)
            top = MathF.Max(top, value);
        var total = 0f;
        foreach (var value in row)
            total += MathF.Exp(value - top);
        return Round(MathF.Exp(row[token] - top) / total, type);
    }

    /// <summary><paramref name="value"/> rounded to <paramref name="type"/> (round to nearest even), widened back.</summary>
    public static float Round(float value, ScalarType type) => type switch
    {
        ScalarType.BFloat16 => BFloat16(value),
        ScalarType.Float16 => (float)(Half)value,
        _ => value,
    };

    /// <summary>
    /// The indices j (into <paramref name="candidates"/>) of the <paramref name="k"/> tokens to keep: torch.topk on the
    /// CPU over a sequence of <paramref name="length"/> confidences in <paramref name="type"/>, -inf except at the candidates.
    /// </summary>
    public static int[] TopK(double[] confidence, int[] candidates, int length, int k, ScalarType type)
    {
        ArgumentNullException.ThrowIfNull(confidence);
        ArgumentNullException.ThrowIfNull(candidates);
        if (k <= 0)
            return [];
        var full = new double[length];
        Array.Fill(full, double.NegativeInfinity);
        var at = new Dictionary<int, int>(candidates.Length);
        for (var j = 0; j < candidates.Length; j++)
        {
            full[candidates[j]] = confidence[j];
            at[candidates[j]] = j;
        }

        using var scope = NewDisposeScope();
        var values = tensor(full).to_type(type == ScalarType.Float64 ? ScalarType.Float64 : type);
        var (_, indices) = values.topk(k);
        // A position off the candidates (all -inf) would be kept unchanged by generate.py; it is simply not chosen here.
        return [.. indices.data<long>().ToArray().Where(p => at.ContainsKey((int)p)).Select(p => at[(int)p])];
    }

    private static float BFloat16(float value)
    {
        if (float.IsNaN(value))
            return value;
        var bits = BitConverter.SingleToUInt32Bits(value);
        var rounded = (bits + 0x7FFFu + ((bits >> 16) & 1u)) & 0xFFFF0000u;
        return BitConverter.UInt32BitsToSingle(rounded);
    }
}
