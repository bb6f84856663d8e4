using UltraLLaDA.Training.Model;

namespace UltraLLaDA.Training.Training;

/// <summary>Everything a training run is configured with. A resumed run takes these from its checkpoint.</summary>
public sealed record TrainingOptions
{
    /// <summary>Folder of ULDS shards.</summary>
    public required string Data { get; init; }

    /// <summary>Run folder: metrics.jsonl, loss-curve.png, checkpoints/.</summary>
    public required string Output { get; init; }

    public required ModelConfig Model { get; init; }

    /// <summary>Optional Hugging Face LLaDA safetensors (file or folder) to start from.</summary>
    public string? InitFrom { get; init; }

    /// <summary>Optimizer updates in the whole run.</summary>
    public long Steps { get; init; } = 1000;

    /// <summary>Records per forward pass.</summary>
    public int BatchSize { get; init; } = 1;

    /// <summary>Target tokens per update (records x seq_len summed over micro-batches); 0 means one micro-batch.</summary>
    public long TokensPerStep { get; init; }

    public double PeakLr { get; init; } = 2e-5;

    public double MinLr { get; init; } = 2e-6;

    public double WarmupFraction { get; init; } = 0.03;

    public double WeightDecay { get; init; } = 0.1;

    public double Beta1 { get; init; } = 0.9;

    public double Beta2 { get; init; } = 0.95;

    public double ClipNorm { get; init; } = 1.0;

    public ulong Seed { get; init; } = 1234;

    /// <summary>Save a checkpoint every this many updates (and at the end); 0: only at the end.</summary>
    public long CheckpointEvery { get; init; } = 100;

    /// <summary>Print a console line every this many updates (every update goes to metrics.jsonl).</summary>
    public long LogEvery { get; init; } = 10;

    /// <summary>cpu or cuda (cuda:N).</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>fp32 or bf16; empty: bf16 on CUDA, fp32 on CPU.</summary>
    public string DType { get; init; } = string.Empty;

    public bool ActivationCheckpointing { get; init; }

    /// <summary>AdamW state precision: fp32 (default; empty means fp32) or bf16 (see <see cref="Optim.OptimizerStatePrecision"/>).</summary>
    public string OptimizerState { get; init; } = "fp32";

    /// <summary>Masked rows the output layer projects at once; 0: automatic (about 128 MiB of fp32 logits).</summary>
    public int LogitsChunk { get; init; }

    /// <summary>Device memory in GB (GiB) the memory plan checks against; 0: the device's own (CUDA driver, or the machine's RAM on the CPU).</summary>
    public double GpuMemory { get; init; }

    /// <summary>adaptive, eod or direct; empty: the shards' layout.</summary>
    public string Layout { get; init; } = string.Empty;

    /// <summary>RoPE base for this run (e.g. a diffusion-aware scaled base); 0: the model's.</summary>
    public double RopeBase { get; init; }

    /// <summary>Torch intra-op threads; 0: libtorch's default.</summary>
    public int Threads { get; init; }

    /// <summary>Batches read ahead by the loader.</summary>
    public int Prefetch { get; init; } = 4;

    /// <summary>Stop after this many updates in this process (for tests and interrupted runs); 0: run to <see cref="Steps"/>.</summary>
    public long StopAfter { get; init; }

    /// <summary>Write loss-curve.png at the end.</summary>
    public bool Plot { get; init; } = true;

    /// <summary>Micro-batches per update for records of <paramref name="seqLen"/> tokens.</summary>
    public int AccumulationSteps(int seqLen)
    {
        var perMicro = (long)BatchSize * seqLen;
        return TokensPerStep <= 0 ? 1 : (int)Math.Max(1, (TokensPerStep + perMicro - 1) / perMicro);
    }
}
