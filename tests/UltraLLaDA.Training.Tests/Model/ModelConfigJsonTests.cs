using UltraLLaDA.Training.Model;
using UltraLLaDA.Training.Tests.Support;

namespace UltraLLaDA.Training.Tests.Model;

/// <summary>A model JSON file: absent keys take their defaults, unknown keys and bad values are refused by name.</summary>
public class ModelConfigJsonTests
{
    [Fact]
    public void Keys_left_out_take_their_defaults()
    {
        using var temp = new TempDirectory();
        var path = Write(temp, """{"layers": 2, "d_model": 64, "heads": 4, "mlp_hidden": 176, "vocab_size": 126464, "mask_id": 126336}""");
        var config = ModelPresets.Resolve(path);
        var defaults = new ModelConfig { Layers = 2, DModel = 64, Heads = 4, MlpHidden = 176 };
        Assert.Equal(defaults.InitStd, config.InitStd);
        Assert.Equal(0.02, config.InitStd);
        Assert.Equal(ModelConfig.DefaultNormEps, config.NormEps);
        Assert.Equal(defaults.RopeBase, config.RopeBase);
        Assert.Equal(defaults.TrainedLength, config.TrainedLength);
        Assert.Equal("custom", config.Name);
        Assert.Equal(126336, config.MaskId);
    }

    [Fact]
    public void A_written_config_reads_back_equal()
    {
        using var temp = new TempDirectory();
        var path = Write(temp, ModelPresets.ToJson(ModelPresets.Llada8B));
        Assert.Equal(ModelPresets.Llada8B, ModelPresets.Resolve(path));
    }

    [Theory]
    [InlineData("""{"layers": 2, "d_model": 64, "heads": 4, "mlp_hidden": 176, "init_sd": 0.01}""", "unknown key 'init_sd'")]
    [InlineData("""{"layers": 2, "d_model": 64, "mlp_hidden": 176}""", "missing required key heads")]
    [InlineData("""{"layers": 2, "d_model": 64, "heads": 4, "mlp_hidden": 176, "norm_eps": 0}""", "norm_eps 0 is out of range")]
    [InlineData("""{"layers": 2, "d_model": 64, "heads": 4, "mlp_hidden": 176, "init_std": 0}""", "init_std 0 is out of range")]
    [InlineData("""{"layers": 2, "d_model": 64, "heads": 4, "mlp_hidden": 176, "rope_base": 1}""", "rope_base 1 is out of range")]
    [InlineData("""{"layers": 2, "d_model": 64, "heads": 4, "mlp_hidden": 176, "trained_length": -5}""", "trained_length -5 is out of range")]
    [InlineData("""{"layers": 2, "d_model": 64, "heads": 4, "mlp_hidden": 176, "vocab_size": -1}""", "vocab_size -1 is out of range")]
    [InlineData("""[1, 2]""", "expected a JSON object")]
    [InlineData("""{"layers": "two", "d_model": 64, "heads": 4, "mlp_hidden": 176}""", "not a model config")]
    public void Bad_configs_are_refused_naming_the_key_and_the_file(string json, string message)
    {
        using var temp = new TempDirectory();
        var path = Write(temp, json);
        var error = Assert.Throws<TrainingConfigException>(() => ModelPresets.Resolve(path));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    private static string Write(TempDirectory temp, string json)
    {
        var path = temp.Combine("model.json");
        File.WriteAllText(path, json);
        return path;
    }
}
