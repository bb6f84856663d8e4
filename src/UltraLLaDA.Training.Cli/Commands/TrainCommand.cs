using System.CommandLine;
using UltraLLaDA.Training.Model;
using UltraLLaDA.Training.Training;

namespace UltraLLaDA.Training.Cli.Commands;

/// <summary><c>ultrallada-train train</c>: a fresh run, or --resume of one.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "folder of ULDS shards (a split folder of a pack job)" };
        var output = new Option<string>("--out") { Description = "run folder: metrics.jsonl, loss-curve.png, checkpoints/" };
        var model = new Option<string>("--model") { Description = "tiny, small, llada-8b, or a JSON model config", DefaultValueFactory = _ => "tiny" };
        var initFrom = new Option<string?>("--init-from") { Description = "start from a Hugging Face LLaDA checkpoint (.safetensors file or folder)" };
        var steps = new Option<long>("--steps") { Description = "optimizer updates in the run", DefaultValueFactory = _ => 1000 };
        var batch = new Option<int>("--batch-size") { Description = "records per forward pass", DefaultValueFactory = _ => 1 };
        var tokensPerStep = new Option<long>("--tokens-per-step") { Description = "accumulate gradients until this many tokens per update (0: one batch)" };
        var lr = new Option<double>("--lr") { Description = "peak learning rate (paper: 2e-5)", DefaultValueFactory = _ => 2e-5 };
        var minLr = new Option<double>("--min-lr") { Description = "final learning rate of the cosine (paper: 2e-6)", DefaultValueFactory = _ => 2e-6 };
        var warmup = new Option<double>("--warmup") { Description = "warm-up fraction of the run", DefaultValueFactory = _ => 0.03 };
        var weightDecay = new Option<double>("--weight-decay") { DefaultValueFactory = _ => 0.1 };
        var clip = new Option<double>("--clip") { Description = "global gradient-norm clip (0: off)", DefaultValueFactory = _ => 1.0 };
        var seed = new Option<ulong>("--seed") { DefaultValueFactory = _ => 1234UL };
        var checkpointEvery = new Option<long>("--checkpoint-every") { Description = "save every K updates (and at the end)", DefaultValueFactory = _ => 100 };
        var logEvery = new Option<long>("--log-every") { Description = "console line every N updates", DefaultValueFactory = _ => 10 };
        var device = new Option<string>("--device") { Description = "cpu or cuda[:N]", DefaultValueFactory = _ => "cpu" };
        var dtype = new Option<string>("--dtype") { Description = "fp32 or bf16 (default: bf16 on cuda, fp32 on cpu)", DefaultValueFactory = _ => string.Empty };
        var checkpointing = new Option<bool>("--activation-checkpointing") { Description = "recompute each block in the backward pass" };
        var optimizerState = new Option<string>("--optimizer-state") { Description = "AdamW state: fp32 (m, v, fp32 master of bf16 weights) or bf16 (m, v in bf16 and a 2-byte Kahan buffer: 6 B per bf16 weight instead of 12)", DefaultValueFactory = _ => "fp32" };
        var logitsChunk = new Option<int>("--logits-chunk") { Description = "masked rows the output layer projects at once (0: automatic, about 128 MiB of fp32 logits; -1: all at once, the unchunked reference for comparisons)" };
        var gpuMemory = new Option<double>("--gpu-memory") { Description = "device memory in GB (2^30 bytes) for the memory plan (0: the device's own)" };
        var layout = new Option<string>("--layout") { Description = "attention: adaptive, eod or direct (default: the shards' layout)", DefaultValueFactory = _ => string.Empty };
        var threads = new Option<int>("--threads") { Description = "libtorch CPU threads (0: libtorch's default)" };
        var resume = new Option<string?>("--resume") { Description = "continue the run in this folder (or this checkpoint) with its saved settings" };
        var stopAfter = new Option<long>("--stop-after") { Description = "stop after this many updates in this process, like an interruption (no extra checkpoint)" };
        var noPlot = new Option<bool>("--no-plot") { Description = "do not write loss-curve.png" };
        var rope = new RopeOptions();

        var command = new Command("train", "Train (or continue training) a LLaDA model with the masked-diffusion loss on ULDS shards.")
        {
            data, output, model, initFrom, steps, batch, tokensPerStep, lr, minLr, warmup, weightDecay, clip, seed,
            checkpointEvery, logEvery, device, dtype, checkpointing, optimizerState, logitsChunk, gpuMemory, layout, threads, resume, stopAfter, noPlot,
        };
        rope.AddTo(command);
        command.SetAction(result => CliErrors.Run(() =>
        {
            var trainer = new Trainer(Console.Out);
            var resumeFrom = result.GetValue(resume);
            TrainingResult done;
            if (resumeFrom is not null)
            {
                var moreSteps = result.GetResult(steps) is { Implicit: false } ? result.GetValue(steps) : (long?)null;
                var stop = result.GetValue(stopAfter);
                done = trainer.Resume(resumeFrom, moreSteps, stop > 0 ? stop : null);
            }
            else
            {
                var dataFolder = result.GetValue(data) ?? throw new TrainingConfigException("--data is required (or --resume)");
                var outFolder = result.GetValue(output) ?? throw new TrainingConfigException("--out is required (or --resume)");
                var config = ModelPresets.Resolve(result.GetValue(model)!);
                var options = new TrainingOptions
                {
                    Data = dataFolder,
                    Output = outFolder,
                    Model = config,
                    InitFrom = result.GetValue(initFrom),
                    Steps = result.GetValue(steps),
                    BatchSize = result.GetValue(batch),
                    TokensPerStep = result.GetValue(tokensPerStep),
                    PeakLr = result.GetValue(lr),
                    MinLr = result.GetValue(minLr),
                    WarmupFraction = result.GetValue(warmup),
                    WeightDecay = result.GetValue(weightDecay),
                    ClipNorm = result.GetValue(clip),
                    Seed = result.GetValue(seed),
                    CheckpointEvery = result.GetValue(checkpointEvery),
                    LogEvery = result.GetValue(logEvery),
                    Device = result.GetValue(device)!,
                    DType = result.GetValue(dtype)!,
                    ActivationCheckpointing = result.GetValue(checkpointing),
                    OptimizerState = result.GetValue(optimizerState)!,
                    LogitsChunk = result.GetValue(logitsChunk),
                    GpuMemory = result.GetValue(gpuMemory),
                    Layout = result.GetValue(layout)!,
                    RopeBase = rope.Resolve(result, config),
                    Threads = result.GetValue(threads),
                    StopAfter = result.GetValue(stopAfter),
                    Plot = !result.GetValue(noPlot),
                };
                done = trainer.Run(options);
            }

            Console.WriteLine($"done: update {done.Step}, loss {done.LastLoss:F4}, {done.TokensPerSecond:F0} tokens/s over {done.Elapsed.TotalSeconds:F1} s");
            Console.WriteLine($"step time: first {done.FirstStepSeconds:F3} s, then {done.MeanStepSeconds:F3} s per update on average" +
                (done.PeakDeviceMemoryBytes is { } peak ? $"; peak device memory in use {peak / (1024.0 * 1024 * 1024):F2} GiB (CUDA driver, includes context and libtorch's cache)" : string.Empty));
            Console.WriteLine($"metrics: {done.MetricsPath}");
            if (done.LossCurvePath is not null)
                Console.WriteLine($"loss curve: {done.LossCurvePath}");
            if (done.LastCheckpoint is not null)
                Console.WriteLine($"checkpoint: {done.LastCheckpoint}");
            return 0;
        }));
        return command;
    }
}
