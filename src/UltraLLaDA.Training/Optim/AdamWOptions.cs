namespace UltraLLaDA.Training.Optim;

/// <summary>AdamW settings; the defaults are the UltraLLaDA paper's (weight decay 0.1, betas 0.9/0.95).</summary>
public sealed record AdamWOptions
{
    public double Beta1 { get; init; } = 0.9;

    public double Beta2 { get; init; } = 0.95;

    public double Eps { get; init; } = 1e-8;

    public double WeightDecay { get; init; } = 0.1;

    /// <summary>Precision of m, v and the weights' update buffer (fp32 master or bf16 Kahan compensation).</summary>
    public OptimizerStatePrecision State { get; init; } = OptimizerStatePrecision.Fp32;
}
