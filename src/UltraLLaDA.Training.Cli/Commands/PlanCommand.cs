using System.CommandLine;
using System.Text.Json;
using UltraLLaDA.Training.Loss;
using UltraLLaDA.Training.Memory;
using UltraLLaDA.Training.Model;
using UltraLLaDA.Training.Optim;

namespace UltraLLaDA.Training.Cli.Commands;

/// <summary>
/// <c>ultrallada-train plan</c>: a run's peak memory item by item, before it runs, with <c>train</c>'s flags where
/// they mean the same; one column per optimizer-state option unless one is given.
/// </summary>
internal static class PlanCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "tiny, small, llada-8b, or a JSON model config", DefaultValueFactory = _ => "llada-8b" };
        var vocab = new Option<int>("--vocab-size") { Description = "embedding rows, for a model that takes its vocabulary from the data (tiny, small)" };
        var seqLen = new Option<int>("--seq-len") { Description = "tokens per record", DefaultValueFactory = _ => 65536 };
        var batch = new Option<int>("--batch-size") { Description = "records per forward pass", DefaultValueFactory = _ => 1 };
        var device = new Option<string>("--device") { Description = "cuda (counts a CUDA context) or cpu (counts the process's runtime)", DefaultValueFactory = _ => "cuda" };
        var dtype = new Option<string>("--dtype") { Description = "fp32 or bf16 (default: bf16 on cuda, fp32 on cpu)", DefaultValueFactory = _ => string.Empty };
        var checkpointing = new Option<bool>("--activation-checkpointing") { Description = "recompute each block in the backward pass" };
        var state = new Option<string?>("--optimizer-state") { Description = "fp32 or bf16: plan only this option (default: a column for each)" };
        var logitsChunk = new Option<int>("--logits-chunk") { Description = "masked rows projected at once (0: automatic)" };
        var gpuMemory = new Option<double>("--gpu-memory") { Description = "device memory in GB (2^30 bytes) to check the plan against (0: do not check)" };
        var json = new Option<bool>("--json") { Description = "print {\"options\": [{\"optimizer_state\", \"items\", \"total_gb\", \"fits\"}, ...]}" };

        var command = new Command("plan", "Predict a training run's peak memory, item by item, and whether it fits the device.")
        {
            model, vocab, seqLen, batch, device, dtype, checkpointing, state, logitsChunk, gpuMemory, json,
        };
        command.SetAction(result => CliErrors.Run(() =>
        {
            var config = ModelPresets.Resolve(result.GetValue(model)!);
            var rows = result.GetValue(vocab);
            if (rows < 0)
                throw new TrainingConfigException($"--vocab-size {rows} must be positive");
            if (rows > 0)
                config = config with { VocabSize = rows, MaskId = config.MaskId is { } mask && mask < rows ? mask : rows - 1 };
            if (config.VocabSize <= 0)
                throw new TrainingConfigException($"model '{config.Name}' takes its vocabulary from the data: give --vocab-size N");
            var length = result.GetValue(seqLen);
            var records = result.GetValue(batch);
            if (length <= 0 || records <= 0)
                throw new TrainingConfigException("--seq-len and --batch-size must be positive");
            var memory = result.GetValue(gpuMemory);
            if (memory < 0)
                throw new TrainingConfigException($"--gpu-memory {memory} must be positive (GB)");
            var deviceName = result.GetValue(device)!;
            var cuda = deviceName.StartsWith("cuda", StringComparison.Ordinal);
            if (!cuda && deviceName != "cpu")
                throw new TrainingConfigException($"--device must be cpu, cuda or cuda:N, not '{deviceName}'");
            var weightBytes = result.GetValue(dtype) switch
            {
                "" => cuda ? 2 : 4,
                "bf16" => 2,
                "fp32" => 4,
                var other => throw new TrainingConfigException($"unknown --dtype '{other}': use fp32 or bf16"),
            };
            var only = result.GetValue(state) is { } name ? OptimizerStatePrecisionNames.Parse(name) : (OptimizerStatePrecision?)null;
            var request = new MemoryPlanRequest(config, records, length, weightBytes, result.GetValue(checkpointing),
                LogitsChunk.Rows(config.VocabSize, result.GetValue(logitsChunk)), cuda, memory);
            var report = MemoryPlan.Report(request, only);
            Console.WriteLine(result.GetValue(json)
                ? JsonSerializer.Serialize(report, TrainingJsonContext.Indented.MemoryPlanReport)
                : MemoryPlanTable.Format(report));
            return 0;
        }));
        return command;
    }
}
