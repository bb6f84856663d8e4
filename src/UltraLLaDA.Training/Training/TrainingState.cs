using UltraLLaDA.Training.Data;
using UltraLLaDA.Training.Model;

namespace UltraLLaDA.Training.Training;

/// <summary>
/// state.json of a checkpoint: the update count, where the loader stands, the randomness, and the settings the
/// run must keep. Model and optimizer tensors sit beside it in safetensors files.
/// </summary>
public sealed record TrainingState
{
    public string Format { get; init; } = "ultrallada-train-checkpoint";

    public int Version { get; init; } = 1;

    /// <summary>Updates completed.</summary>
    public required long Step { get; init; }

    public required DataPosition Position { get; init; }

    /// <summary>
    /// Masks are drawn from xoshiro256** seeded by Derive(seed, "MASK", step, micro-batch) and the data order from
    /// Derive(seed, "SHUFFLE", epoch): the seed and the step are the whole random state. Torch's own generator
    /// only initialises weights, before step 0.
    /// </summary>
    public required ulong Seed { get; init; }

    public required TrainingOptions Options { get; init; }

    /// <summary>The model as trained (vocabulary resolved).</summary>
    public required ModelConfig Model { get; init; }

    public required DataRequirements Data { get; init; }

    /// <summary>The layout attention used.</summary>
    public required string Layout { get; init; }

    public required double RopeBase { get; init; }

    public required string DType { get; init; }
}
