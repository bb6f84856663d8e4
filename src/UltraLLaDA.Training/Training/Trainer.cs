using System.Diagnostics;
using TorchSharp;
using UltraLLaDA.Data.Packing;
using UltraLLaDA.Training.Checkpoints;
using UltraLLaDA.Training.Data;
using UltraLLaDA.Training.Loss;
using UltraLLaDA.Training.Memory;
using UltraLLaDA.Training.Metrics;
using UltraLLaDA.Training.Model;
using UltraLLaDA.Training.Native;
using UltraLLaDA.Training.Optim;
using static TorchSharp.torch;

namespace UltraLLaDA.Training.Training;

/// <summary>
/// The training loop: per update, accumulate gradients over micro-batches until the tokens-per-step target, clip
/// the global norm, take an AdamW step at the cosine schedule's rate, log metrics, and checkpoint every K
/// updates. A run resumed from a checkpoint continues bit for bit on the CPU: same batches (loader position),
/// same masks (derived from seed and step), same weights and optimizer state.
/// </summary>
public sealed class Trainer
{
    /// <summary>Stream tag for mask randomness in <see cref="DeterministicRandom.Derive"/>.</summary>
    public const ulong MaskStream = 0x4D41534BUL;

    private readonly TextWriter _console;

    public Trainer(TextWriter? console = null) => _console = console ?? TextWriter.Null;

    /// <summary>Starts a fresh run in <see cref="TrainingOptions.Output"/>.</summary>
    public TrainingResult Run(TrainingOptions options, CancellationToken cancellationToken = default) =>
        Execute(options, null, cancellationToken);

    /// <summary>
    /// Continues the run whose checkpoint <paramref name="checkpointOrRun"/> names, with its saved options; only
    /// <paramref name="steps"/> and <paramref name="stopAfter"/> may be changed.
    /// </summary>
    public TrainingResult Resume(string checkpointOrRun, long? steps = null, long? stopAfter = null, CancellationToken cancellationToken = default)
    {
        var checkpoint = CheckpointStore.Resolve(checkpointOrRun);
        var state = CheckpointStore.ReadState(checkpoint);
        var options = state.Options with
        {
            Steps = steps ?? state.Options.Steps,
            StopAfter = stopAfter ?? 0,
        };
        return Execute(options, (checkpoint, state), cancellationToken);
    }

    private TrainingResult Execute(TrainingOptions options, (string Folder, TrainingState State)? resume, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Steps <= 0 || options.BatchSize <= 0)
            throw new TrainingConfigException("--steps and --batch-size must be positive");
        if (options.Threads > 0)
            set_num_threads(options.Threads);
        if (resume is null && File.Exists(Path.Combine(CheckpointStore.Folder(options.Output), CheckpointStore.LatestFile)))
            throw new TrainingConfigException($"{options.Output} already holds a run: continue it with --resume {options.Output}, or train into another folder");
        var device = TorchSetup.ParseDevice(options.Device);
        var dtype = TorchSetup.ParseDType(options.DType, device);
        Directory.CreateDirectory(options.Output);

        using var dataset = ShardDataset.Open(options.Data, resume?.State.Data);
        var layout = ResolveLayout(options.Layout, dataset.Layout);
        var config = resume?.State.Model ?? options.Model.ForData(dataset.Requirements.VocabSize);
        if (resume is null && config.VocabSize < dataset.Requirements.VocabSize)
            throw new TrainingConfigException($"model vocabulary {config.VocabSize} is smaller than the shards' {dataset.Requirements.VocabSize}");
        var seqLen = dataset.Requirements.SeqLen;
        var accumulation = options.AccumulationSteps(seqLen);
        var optimizerState = OptimizerStatePrecisionNames.Parse(options.OptimizerState);
        var logitsChunk = LogitsChunk.Rows(config.VocabSize, options.LogitsChunk);
        CheckPlan(options, config, seqLen, device, dtype, optimizerState, logitsChunk);

        manual_seed((long)(options.Seed & long.MaxValue));
        using var model = new LladaModel(config);
        model.InitializeWeights();
        if (resume is null && options.InitFrom is not null)
        {
            var loaded = HuggingFaceCheckpoint.Import(model, options.InitFrom);
            _console.WriteLine($"init: {loaded} tensors from {options.InitFrom}");
        }

        model.to(device, dtype);
        model.ActivationCheckpointing = options.ActivationCheckpointing;
        var ropeBase = resume?.State.RopeBase ?? (options.RopeBase > 0 ? options.RopeBase : config.RopeBase);
        model.SetRopeBase(ropeBase);
        model.train();

        using var optimizer = new AdamW(
            model.named_parameters().Select(p => (p.name, p.parameter)),
            new AdamWOptions { Beta1 = options.Beta1, Beta2 = options.Beta2, WeightDecay = options.WeightDecay, State = optimizerState });
        var step = 0L;
        var position = DataPosition.Start;
        if (resume is { } r)
        {
            CheckpointStore.LoadModel(r.Folder, model);
            CheckpointStore.LoadOptimizer(r.Folder, optimizer, r.State.Step);
            step = r.State.Step;
            position = r.State.Position;
            _console.WriteLine($"resume: {r.Folder} at update {step}, data {position}");
        }

        var schedule = new CosineSchedule(options.PeakLr, options.MinLr, options.Steps, options.WarmupFraction);
        var metricsPath = Path.Combine(options.Output, "metrics.jsonl");
        using var metrics = MetricsLog.Open(metricsPath, step);
        using var loader = new ShardBatchLoader(dataset, options.BatchSize, options.Seed, position, layout, options.Prefetch);
        var parameters = optimizer.Parameters.ToList();
        var maskId = config.Mask;
        var stateTemplate = new TrainingState
        {
            Step = step,
            Position = position,
            Seed = options.Seed,
            Options = options with { StopAfter = 0 },
            Model = config,
            Data = dataset.Requirements,
            Layout = layout.ToWireName(),
            RopeBase = ropeBase,
            DType = TorchSetup.DTypeName(dtype),
        };

        _console.WriteLine(
            $"train: model {config.Name} ({config.ParameterCount() / 1e6:F2}M parameters, {TorchSetup.DTypeName(dtype)} on {device}), " +
            $"{dataset.Count} records of {seqLen} in {dataset.ShardCount} shard(s), layout {layout.ToWireName()}, RoPE base {ropeBase:G6}, " +
            $"batch {options.BatchSize} x {accumulation} micro-batches = {(long)options.BatchSize * accumulation * seqLen} tokens per update, " +
            $"updates {step}..{options.Steps}, lr {options.PeakLr:G3} -> {options.MinLr:G3} (warm-up {schedule.WarmupSteps})");

        var clock = Stopwatch.StartNew();
        var firstStep = step;
        var lastCheckpoint = resume?.Folder;
        var stopAt = options.StopAfter > 0 ? Math.Min(options.Steps, step + options.StopAfter) : options.Steps;
        double lastLoss = double.NaN;
        long? peakDeviceMemory = null;
        var stepSeconds = new List<double>();
        while (step < stopAt)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var stepClock = Stopwatch.StartNew();
            optimizer.ZeroGrad();
            double loss = 0;
            long tokens = 0;
            long masked = 0;
            var epoch = 0;
            for (var micro = 0; micro < accumulation; micro++)
            {
                var batch = loader.Next();
                position = batch.Next;
                epoch = batch.Position.Epoch;
                using var scope = NewDisposeScope();
                var random = new DeterministicRandom(DeterministicRandom.Derive(options.Seed, MaskStream, (ulong)step, (ulong)micro));
                var inputs = MaskSampler.Sample(batch.Tokens, batch.IsPadding, batch.Batch, maskId, random);
                var microLoss = (options.LogitsChunk == LogitsChunk.Unchunked
                    ? DiffusionLoss.ComputeUnchunked(model, inputs, batch.Plan(), device)
                    : DiffusionLoss.Compute(model, inputs, batch.Plan(), device, logitsChunk)) / accumulation;
                microLoss.backward();
                loss += microLoss.item<float>();
                tokens += batch.RealTokens;
                masked += inputs.MaskedCount;
            }

            var gradNorm = options.ClipNorm > 0 ? nn.utils.clip_grad_norm_(parameters, options.ClipNorm) : double.NaN;
            if (step == 0)
                RefuseZeroGradient(options.ClipNorm > 0 ? gradNorm : GradientNorm(parameters));
            var lr = schedule.At(step);
            optimizer.Step(lr);
            step++;
            lastLoss = loss;

            var seconds = stepClock.Elapsed.TotalSeconds;
            stepSeconds.Add(seconds);
            if (device.type == TorchSharp.DeviceType.CUDA && CudaDriver.MemoryInUse() is { } inUse)
                peakDeviceMemory = Math.Max(peakDeviceMemory ?? 0, inUse);
            var line = new StepMetrics(step, loss, lr, gradNorm, tokens, masked, tokens / Math.Max(seconds, 1e-9), seconds, clock.Elapsed.TotalSeconds, epoch);
            metrics.Write(line);
            if (options.LogEvery > 0 && (step % options.LogEvery == 0 || step == stopAt))
                _console.WriteLine($"step {step,6}/{options.Steps}  loss {loss,8:F4}  lr {lr,9:E2}  grad {gradNorm,7:F3}  {line.TokensPerSecond,9:F0} tok/s  epoch {epoch}");

            if ((options.CheckpointEvery > 0 && step % options.CheckpointEvery == 0) || step == options.Steps)
                lastCheckpoint = CheckpointStore.Save(options.Output, model, optimizer, stateTemplate with { Step = step, Position = position });
        }

        var elapsed = clock.Elapsed;
        var history = MetricsLog.Read(metricsPath);
        string? plot = null;
        if (options.Plot && history.Count > 0)
        {
            plot = Path.Combine(options.Output, "loss-curve.png");
            LossCurvePlot.Write(history, plot, $"{config.Name}: {Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.Data)))}, seq_len {seqLen}, {layout.ToWireName()}");
        }

        var trainedTokens = history.Where(h => h.Step > firstStep).Sum(h => h.Tokens);
        var firstStepSeconds = stepSeconds.Count > 0 ? stepSeconds[0] : 0;
        var meanStepSeconds = stepSeconds.Count > 1 ? stepSeconds.Skip(1).Average() : firstStepSeconds;
        return new TrainingResult(step, lastLoss, trainedTokens / Math.Max(elapsed.TotalSeconds, 1e-9), elapsed, lastCheckpoint, metricsPath, plot, position,
            firstStepSeconds, meanStepSeconds, peakDeviceMemory);
    }

    /// <summary>Prints the memory plan of this run and refuses one that cannot fit on its device (before any weight is made).</summary>
    private void CheckPlan(TrainingOptions options, ModelConfig config, int seqLen, Device device, ScalarType dtype, OptimizerStatePrecision state, int logitsChunk)
    {
        var request = new MemoryPlanRequest(
            config,
            options.BatchSize,
            seqLen,
            dtype == ScalarType.Float32 ? 4 : 2,
            options.ActivationCheckpointing,
            logitsChunk,
            device.type == TorchSharp.DeviceType.CUDA,
            DeviceMemory.TotalGb(device, options.GpuMemory));
        _console.WriteLine(MemoryPlanTable.Format(MemoryPlan.Report(request, state)));
        MemoryPlanAdvice.EnsureFits(request, state);
    }

    /// <summary>
    /// A first update whose gradient is exactly zero trains nothing, however long the run (all-zero weights, say):
    /// stop with an error rather than log "grad 0.000" for hours and exit 0.
    /// </summary>
    private static void RefuseZeroGradient(double norm)
    {
        if (norm == 0)
            throw new TrainingConfigException("update 1: the gradient norm is exactly 0, so the run would train nothing (all-zero weights? check init_std in the model config)");
    }

    private static double GradientNorm(IEnumerable<TorchSharp.Modules.Parameter> parameters)
    {
        using var scope = NewDisposeScope();
        var squares = parameters.Where(p => p.grad is not null).Select(p => p.grad!.to_type(ScalarType.Float64).pow(2).sum()).ToList();
        return squares.Count == 0 ? 0 : stack(squares).sum().sqrt().item<double>();
    }

    private static SequenceLayout ResolveLayout(string name, SequenceLayout fromShards)
    {
        if (string.IsNullOrEmpty(name))
            return fromShards;
        return SequenceLayoutNames.TryParseLayout(name, out var layout)
            ? layout
            : throw new TrainingConfigException($"unknown layout '{name}': use adaptive, eod or direct");
    }
}
