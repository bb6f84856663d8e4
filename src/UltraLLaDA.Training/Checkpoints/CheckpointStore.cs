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
/// Commit protocol (docs/crash-consistency.md): every file is flushed to disk inside <c>step-N.partial</c>,
/// the folder is renamed to <c>step-N</c> (the commit point: a folder under that name is whole), then
/// <c>latest</c> is replaced atomically. A kill at any moment leaves the last whole checkpoint findable:
/// <see cref="Resolve"/> falls back to the newest whole folder when <c>latest</c> is missing, cut short or names none.
/// </summary>
public static class CheckpointStore
{
    public const string ModelFile = "model.safetensors";
    public const string OptimizerFile = "optimizer.safetensors";
    public const string StateFile = "state.json";
    public const string LatestFile = "latest";

    /// <summary>Suffix of a checkpoint folder still being written: never read, deleted by the next save.</summary>
    public const string PartialSuffix = ".partial";

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
        var temporary = final + PartialSuffix;
        SweepAbandoned(root);
        Directory.CreateDirectory(temporary);

        SafetensorsWriter.Write(Path.Combine(temporary, ModelFile), model.named_parameters().Select(p => (p.name, (Tensor)p.parameter)).ToList());
        var optimizerMetadata = new Dictionary<string, string> { ["steps"] = optimizer.Steps.ToString(CultureInfo.InvariantCulture) };
        SafetensorsWriter.Write(Path.Combine(temporary, OptimizerFile), optimizer.StateTensors(), optimizerMetadata);
        WriteDurably(Path.Combine(temporary, StateFile), JsonSerializer.Serialize(state, TrainingJsonContext.Default.TrainingState));

        // Only a run resumed from an earlier checkpoint saves a step again, and then latest still names
        // that earlier one, so a kill between this delete and the rename loses nothing latest points to.
        if (Directory.Exists(final))
            Directory.Delete(final, recursive: true);
        Directory.Move(temporary, final);
        var latest = Path.Combine(root, LatestFile);
        WriteDurably(latest + ".tmp", name + "\n");
        File.Move(latest + ".tmp", latest, overwrite: true);
        return final;
    }

    /// <summary>Deletes what a save killed part-way left: checkpoint folders still under their partial name, a latest.tmp.</summary>
    private static void SweepAbandoned(string root)
    {
        foreach (var folder in Directory.EnumerateDirectories(root, "step-*" + PartialSuffix))
            Directory.Delete(folder, recursive: true);
        File.Delete(Path.Combine(root, LatestFile + ".tmp"));
    }

    private static void WriteDurably(string path, string text)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        stream.Write(System.Text.Encoding.UTF8.GetBytes(text));
        stream.Flush(flushToDisk: true);
    }

    /// <summary>The whole checkpoints in <paramref name="root"/> (folders named step-NNNNNNNN, every file there), newest first.</summary>
    private static IEnumerable<string> WholeCheckpoints(string root) =>
        !Directory.Exists(root)
            ? []
            : Directory.EnumerateDirectories(root, "step-*")
                .Where(f => IsStepName(Path.GetFileName(f)) && IsWhole(f))
                .OrderByDescending(f => Path.GetFileName(f), StringComparer.Ordinal);

    private static bool IsStepName(string name) =>
        name.Length == 13 && name.StartsWith("step-", StringComparison.Ordinal) && name[5..].All(char.IsAsciiDigit);

    private static bool IsWhole(string folder) =>
        File.Exists(Path.Combine(folder, ModelFile)) && File.Exists(Path.Combine(folder, OptimizerFile)) && File.Exists(Path.Combine(folder, StateFile));

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
            var named = File.Exists(latest) ? File.ReadAllText(latest).Trim() : string.Empty;
            if (IsStepName(named) && IsWhole(Path.Combine(root, named)))
                return Path.Combine(root, named);
            // latest is missing, cut short or names a folder that is not whole (a kill or power loss
            // during a save): the newest whole checkpoint is the last one a save finished.
            if (WholeCheckpoints(root).FirstOrDefault() is { } newest)
                return newest;
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
