using UltraLLaDA.Training.Data;

namespace UltraLLaDA.Training.Training;

/// <summary>What a call to <see cref="Trainer"/> did.</summary>
public sealed record TrainingResult(
    long Step,
    double LastLoss,
    double TokensPerSecond,
    TimeSpan Elapsed,
    string? LastCheckpoint,
    string MetricsPath,
    string? LossCurvePath,
    DataPosition Position);
