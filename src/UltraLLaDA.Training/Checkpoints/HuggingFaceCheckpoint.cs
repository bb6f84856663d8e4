using System.Text.Json;
using UltraLLaDA.Training.Model;
using UltraLLaDA.Training.Safetensors;
using static TorchSharp.torch;

namespace UltraLLaDA.Training.Checkpoints;

/// <summary>
/// Imports weights from a Hugging Face LLaDA checkpoint (one .safetensors file, or a folder with
/// model.safetensors.index.json or *.safetensors shards) and exports the model under the same names, so a run
/// can start from LLaDA-8B-Base and hand its result back to Python.
/// </summary>
public static class HuggingFaceCheckpoint
{
    /// <summary>Copies every model parameter from the checkpoint (dtype converted). Missing or misshapen tensors are errors.</summary>
    /// <returns>How many tensors were loaded.</returns>
    public static int Import(LladaModel model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        var files = SafetensorsFiles(path);
        var readers = files.Select(SafetensorsReader.Open).ToList();
        try
        {
            var byName = new Dictionary<string, SafetensorsReader>(StringComparer.Ordinal);
            foreach (var reader in readers)
            {
                foreach (var name in reader.Entries.Keys)
                    byName[name] = reader;
            }

            var loaded = 0;
            using var guard = no_grad();
            foreach (var (name, parameter) in model.named_parameters())
            {
                var hfName = LladaTensorNames.ToHuggingFace(name);
                if (!byName.TryGetValue(hfName, out var reader))
                    throw new TrainingConfigException($"{path}: no tensor '{hfName}' for the model's '{name}' (is this a LLaDA checkpoint of the same shape?)");
                var entry = reader.Entries[hfName];
                if (!entry.Shape.SequenceEqual(parameter.shape))
                    throw new TrainingConfigException($"{path}: '{hfName}' is [{string.Join(", ", entry.Shape)}], the model's '{name}' is [{string.Join(", ", parameter.shape)}]");
                using var source = reader.Load(hfName);
                parameter.copy_(source.to_type(parameter.dtype).to(parameter.device));
                loaded++;
            }

            return loaded;
        }
        finally
        {
            foreach (var reader in readers)
                reader.Dispose();
        }
    }

    /// <summary>Writes the model's parameters under the Hugging Face names, in <paramref name="dtype"/> (bf16 by default, as LLaDA ships).</summary>
    public static void Export(LladaModel model, string path, ScalarType dtype = ScalarType.BFloat16)
    {
        ArgumentNullException.ThrowIfNull(model);
        var tensors = model.named_parameters().Select(p => (LladaTensorNames.ToHuggingFace(p.name), (Tensor)p.parameter)).ToList();
        var metadata = new Dictionary<string, string>
        {
            ["format"] = "pt",
            ["ultrallada_model_config"] = ModelPresets.ToJson(model.Config),
        };
        SafetensorsWriter.Write(path, tensors, metadata, dtype);
    }

    private static List<string> SafetensorsFiles(string path)
    {
        if (File.Exists(path))
            return [path];
        if (!Directory.Exists(path))
            throw new FileNotFoundException($"checkpoint not found: {path}", path);
        var index = Path.Combine(path, "model.safetensors.index.json");
        if (File.Exists(index))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(index));
            return json.RootElement.GetProperty("weight_map").EnumerateObject()
                .Select(p => p.Value.GetString()!)
                .Distinct(StringComparer.Ordinal)
                .Select(f => Path.Combine(path, f))
                .ToList();
        }

        var files = Directory.GetFiles(path, "*.safetensors").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
            throw new FileNotFoundException($"{path} holds no .safetensors files", path);
        return files;
    }
}
