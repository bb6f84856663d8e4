using System.CommandLine;
using TorchSharp;
using UltraLLaDA.Training.Training;

namespace UltraLLaDA.Training.Cli.Commands;

/// <summary>
/// The flags every generation benchmark over a set shares (niah, ruler, longbench): --tokenizer, --max-prompts,
/// --device, --dtype, --threads, LLaDA's sampler flags with the benchmark's paper defaults, the model
/// (<see cref="EvalModelSource"/>) and the RoPE base (<see cref="RopeOptions"/>). <see cref="Read"/> does the action's
/// preamble; the command adds only --set, --out and what is its own.
/// </summary>
internal sealed class SetGenerationFlags
{
    /// <param name="sampler">The sampler flags, with the benchmark's paper settings as defaults.</param>
    /// <param name="maxPromptsDescription">What --max-prompts means for the benchmark's report.</param>
    public SetGenerationFlags(SamplerFlags sampler, string maxPromptsDescription)
    {
        ArgumentNullException.ThrowIfNull(sampler);
        Sampler = sampler;
        MaxPrompts = new Option<int>("--max-prompts") { Description = maxPromptsDescription };
    }

    public SamplerFlags Sampler { get; }

    public EvalModelSource Models { get; } = new();

    public RopeOptions Rope { get; } = new();

    public Option<string?> Tokenizer { get; } = new("--tokenizer") { Description = "the set's tokenizer, to decode outputs (default: what the set recorded)" };

    public Option<int> MaxPrompts { get; }

    public Option<string> Device { get; } = new("--device") { DefaultValueFactory = _ => "cpu" };

    public Option<string> DType { get; } = new("--dtype") { DefaultValueFactory = _ => string.Empty };

    public Option<int> Threads { get; } = new("--threads") { Description = "libtorch CPU threads (0: libtorch's default)" };

    /// <summary>Adds the flags after the command's own (help lists them in this order).</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in new Option[] { Tokenizer, MaxPrompts, Device, DType, Threads })
            command.Options.Add(option);
        Sampler.AddTo(command);
        Models.AddTo(command);
        Rope.AddTo(command);
    }

    /// <summary>Sets libtorch's threads, then reads the sampler settings, the device and the dtype (refusing bad ones, in that order).</summary>
    public SetGenerationRun Read(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.GetValue(Threads) > 0)
            torch.set_num_threads(result.GetValue(Threads));
        var options = Sampler.Read(result);
        var device = TorchSetup.ParseDevice(result.GetValue(Device)!);
        var dtype = TorchSetup.ParseDType(result.GetValue(DType)!, device);
        return new SetGenerationRun(this, result, options, device, dtype, result.GetValue(MaxPrompts));
    }
}
