using System.CommandLine;
using System.Text.Json;
using TorchSharp;
using UltraLLaDA.Data.Packing;
using UltraLLaDA.Training.Checkpoints;
using UltraLLaDA.Training.Data;
using UltraLLaDA.Training.Evaluation;
using UltraLLaDA.Training.Model;
using UltraLLaDA.Training.Training;

namespace UltraLLaDA.Training.Cli.Commands;

/// <summary><c>ultrallada-train eval-ppl</c>: Monte-Carlo masked perplexity over a shard folder at a chosen context length.</summary>
internal static class EvalPplCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "folder of ULDS shards to evaluate on (or --set)" };
        var checkpoint = new Option<string?>("--checkpoint") { Description = "a run folder or checkpoint folder of ultrallada-train" };
        var model = new Option<string?>("--model") { Description = "with --weights: tiny, small, llada-8b or a JSON config" };
        var weights = new Option<string?>("--weights", "--init-from") { Description = "Hugging Face LLaDA safetensors (file or folder) to evaluate" };
        var context = new Option<int>("--context") { Description = "context length of each window (default: the shards' seq_len)" };
        var samples = new Option<int>("--samples") { Description = "Monte-Carlo draws of (t, mask) per window", DefaultValueFactory = _ => 8 };
        var maxWindows = new Option<int>("--max-windows") { Description = "windows to evaluate (0: every window of every record)", DefaultValueFactory = _ => 64 };
        var layout = new Option<string>("--layout") { Description = "attention: adaptive, eod or direct (default: the shards' layout)", DefaultValueFactory = _ => string.Empty };
        var device = new Option<string>("--device") { DefaultValueFactory = _ => "cpu" };
        var dtype = new Option<string>("--dtype") { DefaultValueFactory = _ => string.Empty };
        var seed = new Option<ulong>("--seed") { DefaultValueFactory = _ => 7UL };
        var threads = new Option<int>("--threads") { Description = "libtorch CPU threads (0: libtorch's default)" };
        var json = new Option<bool>("--json") { Description = "print JSON" };
        var rope = new RopeOptions();
        var sets = new EvalPplSetOptions();
        var command = new Command("eval-ppl", "Monte-Carlo masked perplexity (LLaDA's likelihood bound) over records of a shard folder.")
        {
            data, checkpoint, model, weights, context, samples, maxWindows, layout, device, dtype, seed, threads, json,
            sets.Set, sets.Report,
        };
        rope.AddTo(command);
        command.SetAction(result => CliErrors.Run(() =>
        {
            if (result.GetValue(threads) > 0)
                torch.set_num_threads(result.GetValue(threads));
            var torchDevice = TorchSetup.ParseDevice(result.GetValue(device)!);
            var torchType = TorchSetup.ParseDType(result.GetValue(dtype)!, torchDevice);
            if (result.GetValue(sets.Set) is not null && result.GetValue(data) is not null)
                throw new TrainingConfigException("--set and --data contradict each other: a PPL set brings its own windows");
            if (result.GetValue(sets.Set) is not null)
            {
                // A set fixes its windows and layout; silently ignoring these would report numbers the user did not ask for.
                foreach (var option in new Option[] { context, maxWindows, layout })
                {
                    if (result.GetResult(option) is { Implicit: false })
                        throw new TrainingConfigException($"{option.Name} applies to --data, not to --set: a PPL set brings its own windows and layout");
                }

                return EvalPplSetRunner.Run(sets, result, new EvalModelSource(checkpoint, model, weights), rope, result.GetValue(samples), result.GetValue(seed), result.GetValue(json), torchDevice, torchType);
            }

            var (llada, dataset) = Load(result.GetValue(data) ?? throw new TrainingConfigException("--data (a shard folder) or --set (a PPL set) is required"), result.GetValue(checkpoint), result.GetValue(model), result.GetValue(weights), torchDevice, torchType);
            using (llada)
            using (dataset)
            {
                var ropeBase = rope.Resolve(result, llada.Config);
                if (ropeBase > 0)
                    llada.SetRopeBase(ropeBase);
                var layoutName = result.GetValue(layout)!;
                var attention = layoutName.Length == 0 ? dataset.Layout
                    : SequenceLayoutNames.TryParseLayout(layoutName, out var parsed) ? parsed
                    : throw new TrainingConfigException($"unknown layout '{layoutName}'");
                var length = result.GetValue(context) is > 0 and var c ? c : dataset.Requirements.SeqLen;
                var report = MaskedPerplexity.Evaluate(llada, dataset, length, attention, result.GetValue(samples), result.GetValue(maxWindows), result.GetValue(seed), torchDevice);
                Console.WriteLine(result.GetValue(json)
                    ? JsonSerializer.Serialize(report, TrainingJsonContext.Indented.PerplexityReport)
                    : $"eval-ppl: {report.Windows} windows of {report.ContextLength} ({report.Tokens} tokens, {report.Layout}, RoPE base {report.RopeBase:G6}), {report.Samples} samples each: " +
                      $"NLL bound {report.NllPerToken:F4} nats/token (± {report.StandardError:F4}), perplexity {report.Perplexity:F3}, {report.Seconds:F1} s");
            }

            return 0;
        }));
        return command;
    }

    private static (LladaModel Model, ShardDataset Data) Load(string dataFolder, string? folder, string? model, string? weights, torch.Device device, torch.ScalarType dtype)
    {
        if (folder is not null)
        {
            var resolved = CheckpointStore.Resolve(folder);
            var state = CheckpointStore.ReadState(resolved);
            var dataset = ShardDataset.Open(dataFolder, state.Data);
            return (CheckpointStore.LoadModel(resolved, state, device, dtype), dataset);
        }

        var weightsPath = weights ?? throw new TrainingConfigException("give --checkpoint, or --model with --weights");
        var shards = ShardDataset.Open(dataFolder);
        var config = ModelPresets.Resolve(model ?? "llada-8b").ForData(shards.Requirements.VocabSize);
        var llada = new LladaModel(config);
        llada.to(device, dtype);
        HuggingFaceCheckpoint.Import(llada, weightsPath);
        return (llada, shards);
    }
}
