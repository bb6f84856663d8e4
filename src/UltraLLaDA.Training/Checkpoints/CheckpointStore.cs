using System.Globalization;
using System.Text.Json;
using TorchSharp;
using UltraLLaDA.Training.Model;
using UltraLLaDA.Training.Optim;
using UltraLLaDA.Training.Safetensors;
using UltraLLaDA.Training.Training;
using static TorchSharp.torch;

namespace UltraLLaDA.Training.Checkpoints;

/// <summary>
/// Checkpoints of a run: RUN/checkpoints/step-NNNNNNNN/{model.safetensors, optimizer.safetensors, state.json},
/// written to a temporary folder and renamed, then named in RUN/checkpoints/latest. Weights are stored in
/// their training dtype with this model's parameter names, so loading gives back the exact bits.
/// </summary>
public static class CheckpointStore
{
    public const string ModelFile = "model.safetensors";
    public const string OptimizerFile = "optimizer.safetensors";
    public const string StateFile = "state.json";
    public const string LatestFile = "latest";

    public static string Folder(string runFolder) => Path.Combine(runFolder, "checkpoints");

    /// <summary>Writes a checkpoint and returns its folder.</summary>
    public static string Save(string runFolder, LladaModel model, AdamW optimizer, TrainingState state)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(state);
        var root = Folder(runFolder);
        Directory.CreateDirectory(root);
        var name = string.Create(CultureInfo.InvariantCulture, $"step-{state.Step:D8}");
        var final = Path.Combine(root, name);
        var temporary = final + ".partial";
        if (Directory.Exists(temporary))
            Directory.Delete(temporary, recursive: true);
        Directory.CreateDirectory(temporary);

        SafetensorsWriter.Write(Path.Combine(temporary, ModelFile), model.named_parameters().Select(p => (p.name, (Tensor)p.parameter)).ToList());
        var optimizerMetadata = new Dictionary<string, string> { ["steps"] = optimizer.Steps.ToString(CultureInfo.InvariantCulture) };
        SafetensorsWriter.Write(Path.Combine(temporary, OptimizerFile), optimizer.StateTensors(), optimizerMetadata);
        File.WriteAllText(Path.Combine(temporary, StateFile), JsonSerializer.Serialize(state, TrainingJsonContext.Default.TrainingState));

        if (Directory.Exists(final))
            Directory.Delete(final, recursive: true);
        Directory.Move(temporary, final);
        var latest = Path.Combine(root, LatestFile);
        File.WriteAllText(latest + ".tmp", name + "\n");
        File.Move(latest + ".tmp", latest, overwrite: true);
        return final;
    }

    /// <summary>
    /// The checkpoint folder <paramref name="path"/> names: a checkpoint folder itself, or a run folder (its latest
    /// checkpoint), or a run's checkpoints folder.
    /// </summary>
    public static string Resolve(string path)
    {
        if (File.Exists(Path.Combine(path, StateFile)))
            return path;
        foreach (var root in new[] { Folder(path), path })
        {
            var latest = Path.Combine(root, LatestFile);
            if (File.Exists(latest))
                return Path.Combine(root, File.ReadAllText(latest).Trim());
        }

        throw new TrainingConfigException($"no checkpoint at {path}: expected a checkpoint folder with {StateFile}, or a run folder with checkpoints/{LatestFile}");
    }

    public static TrainingState ReadState(string checkpoint)
    {
        var path = Path.Combine(checkpoint, StateFile);
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), TrainingJsonContext.Default.TrainingState)
                ?? throw new TrainingConfigException($"{path}: empty checkpoint state");
        }
        catch (JsonException e)
        {
            throw new TrainingConfigException($"{path}: not a checkpoint state: {e.Message}", e);
        }
    }

    /// <summary>Copies the checkpoint's weights into <paramref name="model"/> (same names, shapes and dtype expected).</summary>
    public static void LoadModel(string checkpoint, LladaModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var reader = SafetensorsReader.Open(Path.Combine(checkpoint, ModelFile));
        using var guard = no_grad();
        foreach (var (name, parameter) in model.named_parameters())
        {
            if (!reader.Entries.ContainsKey(name))
                throw new TrainingConfigException($"{reader.FilePath}: no tensor '{name}'");
            using var source = reader.Load(name);
            if (!source.shape.SequenceEqual(parameter.shape))
                throw new TrainingConfigException($"{reader.FilePath}: '{name}' is [{string.Join(", ", source.shape)}], the model's is [{string.Join(", ", parameter.shape)}]");
            parameter.copy_(source.to_type(parameter.dtype).to(parameter.device));
        }
    }

    /// <summary>The model of a checkpoint, with its trained RoPE base, on <paramref name="device"/> in <paramref name="dtype"/>.</summary>
    public static LladaModel LoadModel(string checkpoint, TrainingState state, Device device, ScalarType dtype)
    {
        ArgumentNullException.ThrowIfNull(state);
        var model = new LladaModel(state.Model);
        try
        {
            model.to(device, dtype);
            LoadModel(checkpoint, model);
            model.SetRopeBase(state.RopeBase);
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    public static void LoadOptimizer(string checkpoint, AdamW optimizer, long steps)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        using var reader = SafetensorsReader.Open(Path.Combine(checkpoint, OptimizerFile));
        optimizer.LoadState(reader.Load, steps);
    }
}
