using System.Text.Json;

namespace UltraLLaDA.Training.Model;

/// <summary>Named model shapes, or a JSON config file.</summary>
public static class ModelPresets
{
    /// <summary>For CPU tests: trains on a byte-level vocabulary in seconds.</summary>
    public static ModelConfig Tiny { get; } = new()
    {
        Name = "tiny",
        Layers = 2,
        DModel = 64,
        Heads = 4,
        MlpHidden = 176,
        RopeBase = 10000,
        TrainedLength = 256,
    };

    /// <summary>About 5M parameters plus embeddings: a CPU-sized model that still learns text.</summary>
    public static ModelConfig Small { get; } = new()
    {
        Name = "small",
        Layers = 6,
        DModel = 256,
        Heads = 8,
        MlpHidden = 688,
        RopeBase = 10000,
        TrainedLength = 1024,
    };

    /// <summary>GSAI-ML/LLaDA-8B-Base: 32 layers, d_model 4096, 32 heads of 128, MLP 12288, RoPE base 500000, trained at 4096.</summary>
    public static ModelConfig Llada8B { get; } = new()
    {
        Name = "llada-8b",
        Layers = 32,
        DModel = 4096,
        Heads = 32,
        KvHeads = 32,
        MlpHidden = 12288,
        VocabSize = 126464,
        MaskId = 126336,
        RopeBase = 500000,
        TrainedLength = 4096,
    };

    public static IReadOnlyList<string> Names { get; } = ["tiny", "small", "llada-8b"];

    /// <summary>A preset by name, or a JSON config file by path.</summary>
    public static ModelConfig Resolve(string nameOrPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrPath);
        var config = nameOrPath switch
        {
            "tiny" => Tiny,
            "small" => Small,
            "llada-8b" => Llada8B,
            _ when File.Exists(nameOrPath) => ReadJson(nameOrPath),
            _ => throw new TrainingConfigException($"unknown model '{nameOrPath}': use {string.Join(", ", Names)} or a JSON config file"),
        };
        return config.Validate();
    }

    /// <summary>Reads a config written by <see cref="ToJson"/> (snake_case keys; absent keys take their defaults).</summary>
    public static ModelConfig ReadJson(string path) => ModelConfigJson.Read(path);

    public static string ToJson(ModelConfig config) => JsonSerializer.Serialize(config, TrainingJsonContext.Default.ModelConfig);
}
