using UltraLLaDA.Training.Rope;

namespace UltraLLaDA.Training.Tests.Rope;

public class RopeScalingTests
{
    [Fact]
    public void LLaDA_8B_critical_dimensions_are_the_papers_64_and_70()
    {
        var report = RopeScaling.Report(headDim: 128, ropeBase: 500000, trainLength: 4096, targetLength: 131072);
        Assert.Equal(64, report.Baseline.CriticalDimension);
        Assert.Equal(70, report.DiffusionAware.CriticalDimension);
        Assert.Equal(8192, report.DiffusionAware.CapturedContext);
        Assert.Equal(262144, report.DiffusionAware.TargetContext);
    }

    [Fact]
    public void The_diffusion_aware_pre_ceiling_value_sits_0_016_below_35()
    {
        var index = RopeScaling.CriticalPairIndex(128, 500000, 8192);
        Assert.InRange(35 - index, 0.0155, 0.0165);
        Assert.InRange(RopeScaling.CriticalPairIndex(128, 500000, 4096), 31.5, 31.7);
    }

    [Fact]
    public void Scaled_bases_follow_the_papers_formula()
    {
        var report = RopeScaling.Report(128, 500000, 4096, 131072);
        // Eq. 3: b' = (T_target / 2π)^(d / d_crit); Eq. 4: b' = (T_Ecap / 2π)^(d / d'_crit).
        var baseline = Math.Pow(131072 / (2 * Math.PI), 128.0 / 64);
        var diffusion = Math.Pow(262144 / (2 * Math.PI), 128.0 / 70);
        Assert.Equal(baseline, report.Baseline.ScaledBase, baseline * 1e-12);
        Assert.Equal(diffusion, report.DiffusionAware.ScaledBase, diffusion * 1e-12);
        Assert.Equal(baseline / 500000, report.Baseline.Factor, 1e-9);
        Assert.Equal(Math.Pow(32, 128.0 / 126), report.NtkAware.Factor, 1e-9);
        // The critical dimension's wavelength 2π·b'^(d_crit/d) becomes the target context.
        Assert.Equal(131072, 2 * Math.PI * Math.Pow(report.Baseline.ScaledBase, 64.0 / 128), 1e-6);
        Assert.Equal(262144, 2 * Math.PI * Math.Pow(report.DiffusionAware.ScaledBase, 70.0 / 128), 1e-6);
    }

    [Fact]
    public void A_context_every_dimension_covers_caps_the_critical_dimension_at_the_head_size()
    {
        Assert.Equal(16, RopeScaling.CriticalDimension(16, 10, 1e9));
        Assert.Throws<ArgumentOutOfRangeException>(() => RopeScaling.CriticalDimension(127, 500000, 4096));
    }
}
