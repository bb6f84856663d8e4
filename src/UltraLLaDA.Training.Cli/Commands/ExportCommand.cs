using System.CommandLine;
using UltraLLaDA.Training.Checkpoints;
using UltraLLaDA.Training.Model;
using static TorchSharp.torch;

namespace UltraLLaDA.Training.Cli.Commands;

/// <summary><c>ultrallada-train export</c>: a checkpoint's weights as Hugging Face LLaDA safetensors, for Python.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var checkpoint = new Option<string>("--checkpoint") { Description = "a run folder or checkpoint folder", Required = true };
        var output = new Option<string>("--out") { Description = "the .safetensors file to write", Required = true };
        var dtype = new Option<string>("--dtype") { Description = "bf16 (as LLaDA ships) or fp32", DefaultValueFactory = _ => "bf16" };
        var command = new Command("export", "Write a checkpoint's model as safetensors with LLaDA's Hugging Face tensor names.") { checkpoint, output, dtype };
        command.SetAction(result => CliErrors.Run(() =>
        {
            var folder = CheckpointStore.Resolve(result.GetValue(checkpoint)!);
            var state = CheckpointStore.ReadState(folder);
            var type = result.GetValue(dtype) switch
            {
                "bf16" => ScalarType.BFloat16,
                "fp32" => ScalarType.Float32,
                var other => throw new TrainingConfigException($"unknown dtype '{other}': use bf16 or fp32"),
            };
            using var model = CheckpointStore.LoadModel(folder, state, CPU, ScalarType.Float32);
            HuggingFaceCheckpoint.Export(model, result.GetValue(output)!, type);
            Console.WriteLine($"export: {folder} (update {state.Step}, {state.Model.Name}) -> {result.GetValue(output)} ({result.GetValue(dtype)}, names model.transformer.*)");
            return 0;
        }));
        return command;
    }
}
