namespace UltraLLaDA.Training.Memory;

/// <summary>One optimizer-state option's predicted peak and whether it fits the device.</summary>
/// <param name="OptimizerState">fp32 or bf16 (<see cref="Optim.OptimizerStatePrecisionNames"/>).</param>
/// <param name="Items">The peak item by item.</param>
/// <param name="TotalGb">Weights + gradients + state + context + runtime + the larger of the two phases (forward/backward activations, or the optimizer step).</param>
/// <param name="Fits">Total at most the device's memory (always true when the device's memory is unknown).</param>
public sealed record MemoryPlanOption(string OptimizerState, MemoryPlanItems Items, double TotalGb, bool Fits);
