namespace UltraLLaDA.Data.Cli.Bench;

/// <summary>What one child `pack` process cost: wall seconds from start to exit, CPU-seconds of all its threads, peak resident set.</summary>
internal sealed record PackProcessFigures(double Seconds, double CpuSeconds, double PeakRssMegabytes);
