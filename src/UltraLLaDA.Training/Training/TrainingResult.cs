using UltraLLaDA.Training.Data;

namespace UltraLLaDA.Training.Training;

/// <summary>What a call to <see cref="Trainer"/> did.</summary>
/// <param name="Step">the update count at the end</param>
/// <param name="LastLoss">the loss of the last update</param>
/// <param name="TokensPerSecond">real (non-padding) tokens trained per second in this process</param>
/// <param name="Elapsed">wall time of this process's updates</param>
/// <param name="LastCheckpoint">the newest checkpoint folder, if any</param>
/// <param name="MetricsPath">RUN/metrics.jsonl</param>
/// <param name="LossCurvePath">RUN/loss-curve.png, when drawn</param>
/// <param name="Position">where the loader stands</param>
/// <param name="FirstStepSeconds">the first update of this process (includes warm-up: kernel selection, allocator growth)</param>
/// <param name="MeanStepSeconds">the mean of this process's later updates (the first one alone when there is only one)</param>
/// <param name="PeakDeviceMemoryBytes">on CUDA, the most device memory in use after an update (CUDA driver; see CudaDriver.MemoryInUse); null on the CPU</param>
public sealed record TrainingResult(
    long Step,
    double LastLoss,
    double TokensPerSecond,
    TimeSpan Elapsed,
    string? LastCheckpoint,
    string MetricsPath,
    string? LossCurvePath,
    DataPosition Position,
    double FirstStepSeconds,
    double MeanStepSeconds,
    long? PeakDeviceMemoryBytes);
