namespace UltraLLaDA.Training.Optim;

/// <summary>
/// Linear warm-up over the first <see cref="WarmupSteps"/> updates (3% of the run by default) to the peak, then a
/// cosine decay to the minimum at the last update (paper Table 2: peak 2e-5, minimum 2e-6).
/// </summary>
public sealed record CosineSchedule(double PeakLr, double MinLr, long TotalSteps, double WarmupFraction = 0.03)
{
    public long WarmupSteps => TotalSteps <= 1 ? 0 : (long)Math.Ceiling(WarmupFraction * TotalSteps);

    /// <summary>The learning rate of update <paramref name="step"/> (0-based).</summary>
    public double At(long step)
    {
        if (step < WarmupSteps)
            return PeakLr * (step + 1) / WarmupSteps;
        var decaySteps = TotalSteps - WarmupSteps - 1;
        if (decaySteps <= 0)
            return PeakLr;
        var progress = Math.Clamp((double)(step - WarmupSteps) / decaySteps, 0, 1);
        return MinLr + (0.5 * (PeakLr - MinLr) * (1 + Math.Cos(Math.PI * progress)));
    }
}
