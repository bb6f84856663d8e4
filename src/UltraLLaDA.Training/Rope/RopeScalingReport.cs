namespace UltraLLaDA.Training.Rope;

/// <summary>What <c>ultrallada-train rope</c> prints: the inputs and the three scalings.</summary>
public sealed record RopeScalingReport(
    int HeadDim,
    double RopeBase,
    int TrainLength,
    int TargetLength,
    RopeScalingMethod NtkAware,
    RopeScalingMethod Baseline,
    RopeScalingMethod DiffusionAware);
