using UltraLLaDA.Training.Optim;

namespace UltraLLaDA.Training.Memory;

/// <summary>
/// The formulas of a training run's peak memory, in one place (docs/memory.md writes them out; the Python port
/// follows this class). A peak is a sum of what is alive at the worst moment: weights, gradients and optimizer
/// state all the time, plus the larger of the forward/backward phase (saved activations, one block's recompute,
/// attention's workspace, one logits chunk) and the optimizer step's temporaries. The masked rows are counted at
/// their worst, every token of the batch (the masking ratio reaches 1). Counts per block follow
/// <see cref="Model.TransformerBlock"/>: what autograd saves from RMSNorm, q/k/v, attention, the SwiGLU MLP.
/// </summary>
public static class MemoryPlan
{
    public const double BytesPerGb = 1024.0 * 1024 * 1024;

    /// <summary>A CUDA context with libtorch's kernels loaded, on a Hopper GPU (about 0.6-1 GiB; the larger is planned).</summary>
    public const double CudaContextGb = 1.0;

    /// <summary>
    /// The process on the CPU before any tensor: .NET runtime, libtorch's code, TorchSharp and the allocator's
    /// arenas. Measured: peak RSS of a 2-update `tiny` run at seq-len 256, batch 1: 195,896 KB (docs/memory.md).
    /// </summary>
    public const double CpuRuntimeGb = 0.19;

    /// <summary>The plan for one optimizer-state option.</summary>
    public static MemoryPlanOption Predict(MemoryPlanRequest request, OptimizerStatePrecision state)
    {
        ArgumentNullException.ThrowIfNull(request);
        var model = request.Model;
        double parameters = model.ParameterCount();
        double wb = request.WeightBytes;
        double tokens = (double)request.BatchSize * request.SeqLen;
        double d = model.DModel;
        double mlp = model.MlpHidden;
        double vocab = model.VocabSize;
        var lowPrecision = request.WeightBytes < 4;

        // Per block, what autograd keeps: RMSNorm's input, its inverse RMS and normalized output (x2 norms), the
        // normalized input of q/k/v and of the MLP, q, k, v and attention's output, attn_out's input (11 x d), and
        // ff_proj's output, silu of it, up_proj's output and their product (4 x mlp), plus attention's fp32
        // log-sum-exp per head.
        var blockSaved = (tokens * ((11 * d) + (4 * mlp)) * wb) + (tokens * model.Heads * 4);
        // The gradients alive inside one block's backward: of the MLP's two hidden tensors and of four d-wide ones.
        var blockBackward = tokens * ((2 * mlp) + (4 * d)) * wb;
        // Embedding output and ln_f's input and output, outside the blocks.
        var boundary = tokens * d * wb * 3;
        var checkpointed = request.ActivationCheckpointing
            ? (model.Layers * tokens * d * wb) + boundary
            : (model.Layers * blockSaved) + boundary;
        var recompute = request.ActivationCheckpointing ? blockSaved + blockBackward : blockBackward;
        var attention = tokens * d * wb * 4;

        var chunk = Math.Min(Math.Max(1, request.LogitsChunkRows), tokens);
        var logits = (chunk * vocab * 4 * 3)
            + (lowPrecision ? chunk * vocab * wb : 0)
            + (vocab * d * (4 + wb))
            + (2 * tokens * d * wb);

        double stateBytesPerParameter = state switch
        {
            OptimizerStatePrecision.Fp32 => 8 + (lowPrecision ? 4 : 0),
            _ => 4 + (lowPrecision ? 2 : 0),
        };
        var largest = Math.Max(vocab * d, d * mlp);
        var step = largest * 4 * (state == OptimizerStatePrecision.Fp32 ? 3 : 5);

        var items = new MemoryPlanItems
        {
            Weights = Gb(parameters * wb),
            Gradients = Gb(parameters * wb),
            OptimizerState = Gb(parameters * stateBytesPerParameter),
            CheckpointedActivations = Gb(checkpointed),
            BlockRecompute = Gb(recompute),
            AttentionWorkspace = Gb(attention),
            LogitsChunk = Gb(logits),
            OptimizerStep = Gb(step),
            CudaContext = request.Cuda ? CudaContextGb : 0,
            Runtime = request.Cuda ? 0 : CpuRuntimeGb,
        };
        var total = Total(items);
        var fits = request.DeviceMemoryGb <= 0 || total <= request.DeviceMemoryGb;
        return new MemoryPlanOption(state.ToWireName(), items, total, fits);
    }

    /// <summary>The always-alive items plus the larger phase.</summary>
    public static double Total(MemoryPlanItems items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var passes = items.CheckpointedActivations + items.BlockRecompute + items.AttentionWorkspace + items.LogitsChunk;
        return items.Weights + items.Gradients + items.OptimizerState + items.CudaContext + items.Runtime + Math.Max(passes, items.OptimizerStep);
    }

    /// <summary>The plan for each option, or only <paramref name="only"/>.</summary>
    public static MemoryPlanReport Report(MemoryPlanRequest request, OptimizerStatePrecision? only = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var states = only is { } one ? [one] : OptimizerStatePrecisionNames.All;
        return new MemoryPlanReport
        {
            Model = request.Model.Name,
            Parameters = request.Model.ParameterCount(),
            BatchSize = request.BatchSize,
            SeqLen = request.SeqLen,
            Dtype = request.WeightBytes < 4 ? "bf16" : "fp32",
            ActivationCheckpointing = request.ActivationCheckpointing,
            LogitsChunkRows = request.LogitsChunkRows,
            Device = request.Cuda ? "cuda" : "cpu",
            DeviceMemoryGb = request.DeviceMemoryGb,
            Options = states.Select(s => Predict(request, s)).ToList(),
        };
    }

    private static double Gb(double bytes) => bytes / BytesPerGb;
}
