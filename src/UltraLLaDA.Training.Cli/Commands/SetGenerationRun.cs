using System.CommandLine;
using TorchSharp;
using UltraLLaDA.Data.Evaluation;
using UltraLLaDA.Data.Tokenization;
using UltraLLaDA.Training.Model;
using UltraLLaDA.Training.Sampling;

namespace UltraLLaDA.Training.Cli.Commands;

/// <summary>What <see cref="SetGenerationFlags.Read"/> gives a benchmark's action: the settings, and the set's tokenizer and model loaded from them.</summary>
internal sealed class SetGenerationRun
{
    private readonly SetGenerationFlags _flags;
    private readonly ParseResult _result;

    internal SetGenerationRun(SetGenerationFlags flags, ParseResult result, SamplerOptions sampler, torch.Device device, torch.ScalarType dtype, int maxPrompts)
    {
        _flags = flags;
        _result = result;
        Sampler = sampler;
        Device = device;
        DType = dtype;
        MaxPrompts = maxPrompts;
    }

    public SamplerOptions Sampler { get; }

    public torch.Device Device { get; }

    public torch.ScalarType DType { get; }

    /// <summary>Prompts to run, in the set's order (0: all).</summary>
    public int MaxPrompts { get; }

    /// <summary>The tokenizer to decode outputs with: --tokenizer, or what the set recorded.</summary>
    public ITextTokenizer LoadTokenizer(EvalTokenizer setTokenizer)
    {
        ArgumentNullException.ThrowIfNull(setTokenizer);
        var spec = _result.GetValue(_flags.Tokenizer) ?? setTokenizer.Spec;
        try
        {
            return TokenizerLoader.Load(spec);
        }
        catch (TokenizerLoadException e)
        {
            throw new TrainingConfigException($"{e.Message} (pass --tokenizer with the set's tokenizer)", e);
        }
    }

    /// <summary>The model to run on the set in <paramref name="folder"/>, on <see cref="Device"/> in <see cref="DType"/>, with the RoPE base asked for (see <see cref="EvalModelSource.LoadForSet"/>).</summary>
    public (LladaModel Model, string Name) LoadModel(EvalTokenizer setTokenizer, string folder) =>
        _flags.Models.LoadForSet(_result, setTokenizer, folder, _flags.Rope, Device, DType);
}
