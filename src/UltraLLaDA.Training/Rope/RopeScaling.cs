namespace UltraLLaDA.Training.Rope;

/// <summary>
/// RoPE base scaling for context extension, as in the UltraLLaDA paper (§3, Eq. 2–4), all in double precision.
/// </summary>
/// <remarks>
/// <para>RoPE rotates dimension pair i (0 &lt;= i &lt; d/2) by θ_i = b^(-2i/d) per position, so its wavelength is
/// λ_i = 2π·b^(2i/d). A pair whose wavelength exceeds the context T the model saw never completed a turn in
/// training; the first such pair sets the critical dimension (Liu et al., "Scaling laws of RoPE-based
/// extrapolation", as used by LongLLaDA):
/// <c>d_crit = 2·⌈(d/2)·log_b(T / 2π)⌉</c>.</para>
/// <para>Eq. 2, NTK-aware scaling: <c>b' = b·(T_target/T_train)^(d/(d-2))</c>, printed for comparison only.</para>
/// <para>Eq. 3, the LongLLaDA baseline: with T = T_train, the base is scaled by
/// <c>λ = b^(-1)·(T_target/2π)^(d/d_crit)</c>, so <c>b' = b·λ = (T_target/2π)^(d/d_crit)</c>: the critical
/// dimension's wavelength becomes exactly the target length.</para>
/// <para>Eq. 4, Diffusion-aware NTK: bidirectional attention sees relative positions in [-T, T], so the
/// context a diffusion LM has effectively captured is <c>T_cap = 2·T_train</c> and the one to reach is
/// <c>T_Ecap = 2·T_target</c>: <c>d'_crit = 2·⌈(d/2)·log_b(T_cap/2π)⌉</c>, <c>λ' = b^(-1)·(T_Ecap/2π)^(d/d'_crit)</c>.</para>
/// <para>LLaDA-8B (d 128, b 500000, T_train 4096): (d/2)·log_b(4096/2π) = 31.60 → d_crit 64; (d/2)·log_b(8192/2π)
/// = 34.98 (0.016 below 35) → d'_crit 70, the values of the paper's Figure 2a. The ceiling is why this must
/// be computed in double precision.</para>
/// </remarks>
public static class RopeScaling
{
    /// <summary>(d/2)·log_b(T/2π): the dimension-pair index at which the wavelength reaches <paramref name="context"/>, before the ceiling.</summary>
    public static double CriticalPairIndex(int headDim, double ropeBase, double context)
    {
        Validate(headDim, ropeBase, context);
        return headDim / 2.0 * Math.Log(context / (2 * Math.PI)) / Math.Log(ropeBase);
    }

    /// <summary>d_crit = 2·⌈(d/2)·log_b(T/2π)⌉, capped at d (every pair already covers T).</summary>
    public static int CriticalDimension(int headDim, double ropeBase, double context)
    {
        var index = CriticalPairIndex(headDim, ropeBase, context);
        return Math.Clamp(2 * (int)Math.Ceiling(index), 2, headDim);
    }

    /// <summary>The new base that stretches the critical dimension's wavelength to <paramref name="targetContext"/>: (T_target/2π)^(d/d_crit).</summary>
    public static double ScaledBase(int headDim, int criticalDimension, double targetContext) =>
        Math.Pow(targetContext / (2 * Math.PI), (double)headDim / criticalDimension);

    /// <summary>All three scalings for one model and target (Eq. 2, 3, 4).</summary>
    public static RopeScalingReport Report(int headDim, double ropeBase, int trainLength, int targetLength)
    {
        Validate(headDim, ropeBase, trainLength);
        Validate(headDim, ropeBase, targetLength);
        var ntkFactor = Math.Pow((double)targetLength / trainLength, headDim / (headDim - 2.0));

        var baselineIndex = CriticalPairIndex(headDim, ropeBase, trainLength);
        var baselineCrit = CriticalDimension(headDim, ropeBase, trainLength);
        var baselineBase = ScaledBase(headDim, baselineCrit, targetLength);

        double capturedContext = 2.0 * trainLength;
        double targetCapturedContext = 2.0 * targetLength;
        var diffusionIndex = CriticalPairIndex(headDim, ropeBase, capturedContext);
        var diffusionCrit = CriticalDimension(headDim, ropeBase, capturedContext);
        var diffusionBase = ScaledBase(headDim, diffusionCrit, targetCapturedContext);

        return new RopeScalingReport(
            headDim,
            ropeBase,
            trainLength,
            targetLength,
            new RopeScalingMethod("ntk-aware", "Eq. 2", trainLength, targetLength, null, null, ntkFactor, ropeBase * ntkFactor),
            new RopeScalingMethod("longllada-baseline", "Eq. 3", trainLength, targetLength, baselineIndex, baselineCrit, baselineBase / ropeBase, baselineBase),
            new RopeScalingMethod("diffusion-aware", "Eq. 4", capturedContext, targetCapturedContext, diffusionIndex, diffusionCrit, diffusionBase / ropeBase, diffusionBase));
    }

    /// <summary>
    /// The RoPE base a run should use: <paramref name="method"/> none keeps <paramref name="ropeBase"/>; baseline (Eq. 3) and
    /// diffusion-aware (Eq. 4) scale it from <paramref name="trainLength"/> to <paramref name="targetLength"/>.
    /// </summary>
    public static double BaseFor(string method, int headDim, double ropeBase, int trainLength, int targetLength) => method switch
    {
        "none" or "" => ropeBase,
        "baseline" or "longllada" => Report(headDim, ropeBase, trainLength, targetLength).Baseline.ScaledBase,
        "diffusion-aware" => Report(headDim, ropeBase, trainLength, targetLength).DiffusionAware.ScaledBase,
        "ntk" => Report(headDim, ropeBase, trainLength, targetLength).NtkAware.ScaledBase,
        _ => throw new ArgumentException($"unknown RoPE scaling '{method}': use none, baseline, diffusion-aware or ntk", nameof(method)),
    };

    private static void Validate(int headDim, double ropeBase, double context)
    {
        if (headDim < 4 || headDim % 2 != 0)
            throw new ArgumentOutOfRangeException(nameof(headDim), headDim, "the head dimension must be even and at least 4");
        if (!(ropeBase > 1))
            throw new ArgumentOutOfRangeException(nameof(ropeBase), ropeBase, "the RoPE base must be greater than 1");
        if (!(context > 2 * Math.PI))
            throw new ArgumentOutOfRangeException(nameof(context), context, "the context length must exceed 2π");
    }
}
