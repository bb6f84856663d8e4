namespace UltraLLaDA.Training.Sampling;

/// <summary>What one step of the sampler did, for observers (tests, progress).</summary>
/// <param name="Block">The block (0-based).</param>
/// <param name="Step">The step within the block (0-based).</param>
/// <param name="Scheduled">Tokens the schedule says to unmask in this step.</param>
/// <param name="Unmasked">The positions unmasked (indices into the whole sequence).</param>
public sealed record SamplerStep(int Block, int Step, int Scheduled, IReadOnlyList<int> Unmasked);
