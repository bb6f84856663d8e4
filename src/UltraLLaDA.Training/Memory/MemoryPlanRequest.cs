using UltraLLaDA.Training.Model;

namespace UltraLLaDA.Training.Memory;

/// <summary>What a training run's peak memory depends on.</summary>
/// <param name="Model">The model, its vocabulary resolved.</param>
/// <param name="BatchSize">Records per forward pass.</param>
/// <param name="SeqLen">Tokens per record.</param>
/// <param name="WeightBytes">Bytes per weight: 2 (bf16) or 4 (fp32).</param>
/// <param name="ActivationCheckpointing">Blocks recomputed in the backward pass.</param>
/// <param name="LogitsChunkRows">Masked rows the output layer projects at once.</param>
/// <param name="Cuda">A CUDA device (counts its context) rather than the CPU (counts the process's runtime).</param>
/// <param name="DeviceMemoryGb">Memory of the device in GB (GiB: 2^30 bytes, as nvidia-smi and torch report); 0: unknown, never refused.</param>
public sealed record MemoryPlanRequest(
    ModelConfig Model,
    int BatchSize,
    int SeqLen,
    int WeightBytes,
    bool ActivationCheckpointing,
    int LogitsChunkRows,
    bool Cuda,
    double DeviceMemoryGb);
