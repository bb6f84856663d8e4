using System.Text.Json;
using System.Text.Json.Nodes;

namespace UltraLLaDA.Training.Model;

/// <summary>
/// Reads a model config file (snake_case keys). The source-generated deserializer assigns every init-only
/// property, so a key left out would get 0 instead of its default (init_std 0: zero weights that never train).
/// Here the file's keys are laid over a serialized default config first: every key with a default takes it when
/// absent, a required key that is missing or an unknown key is refused by name.
/// </summary>
public static class ModelConfigJson
{
    /// <summary>Keys without a default: the shape itself.</summary>
    public static IReadOnlyList<string> RequiredKeys { get; } = ["layers", "d_model", "heads", "mlp_hidden"];

    public static ModelConfig Read(string path)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new TrainingConfigException($"{path}: not a model config: {e.Message}", e);
        }

        if (node is not JsonObject given)
            throw new TrainingConfigException($"{path}: not a model config: expected a JSON object of snake_case keys");
        var merged = Defaults();
        foreach (var (key, value) in given)
        {
            if (!merged.ContainsKey(key) && !RequiredKeys.Contains(key))
                throw new TrainingConfigException($"{path}: unknown key '{key}' (known: {string.Join(", ", RequiredKeys.Concat(merged.Select(p => p.Key)))})");
            merged[key] = value?.DeepClone();
        }

        var missing = RequiredKeys.Where(k => !given.ContainsKey(k)).ToList();
        if (missing.Count > 0)
            throw new TrainingConfigException($"{path}: missing required key{(missing.Count > 1 ? "s" : string.Empty)} {string.Join(", ", missing)}");
        ModelConfig config;
        try
        {
            config = merged.Deserialize(TrainingJsonContext.Default.ModelConfig)
                ?? throw new TrainingConfigException($"{path}: empty model config");
        }
        catch (JsonException e)
        {
            throw new TrainingConfigException($"{path}: not a model config: {e.Message}", e);
        }

        try
        {
            return config.Validate();
        }
        catch (TrainingConfigException e)
        {
            throw new TrainingConfigException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Every key that has a default, with it (the required shape keys left out).</summary>
    private static JsonObject Defaults()
    {
        var template = new ModelConfig { Layers = 1, DModel = 2, Heads = 1, MlpHidden = 1 };
        var json = JsonSerializer.SerializeToNode(template, TrainingJsonContext.Default.ModelConfig)!.AsObject();
        foreach (var key in RequiredKeys)
            json.Remove(key);
        return json;
    }
}
