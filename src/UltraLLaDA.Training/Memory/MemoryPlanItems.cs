namespace UltraLLaDA.Training.Memory;

/// <summary>
/// One option's predicted peak, item by item, in GB (GiB). The JSON names (snake_case) are a stable contract for
/// scripts and the Python port; docs/memory.md gives each formula.
/// </summary>
public sealed record MemoryPlanItems
{
    /// <summary>Parameters in the training dtype.</summary>
    public required double Weights { get; init; }

    /// <summary>One gradient per parameter, in the training dtype.</summary>
    public required double Gradients { get; init; }

    /// <summary>AdamW's m, v and fp32 master copy or bf16 Kahan buffer.</summary>
    public required double OptimizerState { get; init; }

    /// <summary>What the forward pass keeps for the backward: block inputs under checkpointing, else every block's activations.</summary>
    public required double CheckpointedActivations { get; init; }

    /// <summary>One block's activations and gradients while it is recomputed and back-propagated (checkpointing), or one block's backward (none).</summary>
    public required double BlockRecompute { get; init; }

    /// <summary>Attention's query, key and value gradients and the per-span outputs joined into one tensor.</summary>
    public required double AttentionWorkspace { get; init; }

    /// <summary>One chunk of fp32 logits (with log-softmax and gradient), the output layer's fp32 weight-gradient sum, and the masked rows' hidden states and gradients.</summary>
    public required double LogitsChunk { get; init; }

    /// <summary>The optimizer step's fp32 temporaries for the largest parameter (alive when activations are not: only the larger phase counts).</summary>
    public required double OptimizerStep { get; init; }

    /// <summary>CUDA context and libtorch's kernels on the device (0 on the CPU).</summary>
    public required double CudaContext { get; init; }

    /// <summary>The process itself on the CPU: .NET runtime, libtorch's code and allocator (0 on a GPU: host memory is not the device's).</summary>
    public required double Runtime { get; init; }
}
