namespace UltraLLaDA.Training.Metrics;

/// <summary>One line of metrics.jsonl: what one optimizer update did.</summary>
public sealed record StepMetrics(
    long Step,
    double Loss,
    double Lr,
    double GradNorm,
    long Tokens,
    long MaskedTokens,
    double TokensPerSecond,
    double StepSeconds,
    double ElapsedSeconds,
    int Epoch);
