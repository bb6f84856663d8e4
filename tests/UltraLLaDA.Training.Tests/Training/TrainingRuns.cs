using UltraLLaDA.Training.Model;
using UltraLLaDA.Training.Training;

namespace UltraLLaDA.Training.Tests.Training;

/// <summary>
/// Options for the tiny model on the packed sample: big enough steps to learn, small enough for CPU CI. One libtorch
/// thread: CI runs the test projects side by side on 2 cores, and libtorch's spinning workers slow to a crawl when
/// they compete for cores (5x slower measured here under load).
/// </summary>
public static class TrainingRuns
{
    public static TrainingOptions Tiny(string data, string output, long steps) => new()
    {
        Data = data,
        Output = output,
        Model = ModelPresets.Tiny,
        Steps = steps,
        BatchSize = 8,
        PeakLr = 3e-3,
        MinLr = 3e-4,
        Seed = 2024,
        CheckpointEvery = 0,
        LogEvery = 50,
        Plot = false,
        Threads = 1,
    };
}
