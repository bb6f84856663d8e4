using System.CommandLine;
using UltraLLaDA.Training.Model;
using UltraLLaDA.Training.Sampling;

namespace UltraLLaDA.Training.Cli.Commands;

/// <summary>LLaDA's sampler flags of a benchmark command, with that benchmark's paper settings as defaults.</summary>
internal sealed class SamplerFlags
{
    public SamplerFlags(int genLength, int blockLength, int steps)
    {
        GenLength = new Option<int>("--gen-length") { Description = $"tokens generated (paper: {genLength})", DefaultValueFactory = _ => genLength };
        BlockLength = new Option<int>("--block-length") { Description = $"semi-autoregressive block length (paper: {blockLength})", DefaultValueFactory = _ => blockLength };
        Steps = new Option<int>("--steps") { Description = $"sampling steps (paper: {steps})", DefaultValueFactory = _ => steps };
    }

    public Option<int> GenLength { get; }

    public Option<int> BlockLength { get; }

    public Option<int> Steps { get; }

    public Option<double> Temperature { get; } = new("--temperature") { Description = "Gumbel-max temperature (0: greedy, as LLaDA's default)" };

    public Option<double> CfgScale { get; } = new("--cfg-scale") { Description = "unsupervised classifier-free guidance (0: off)" };

    public Option<string> Remasking { get; } = new("--remasking") { Description = "low_confidence (default) or random", DefaultValueFactory = _ => "low_confidence" };

    public Option<string> ConfidenceDType { get; } = new("--confidence-dtype") { Description = "model (default: softmax in the logits' dtype, as LLaDA's current generate.py) or float64 (its older version)", DefaultValueFactory = _ => "model" };

    public Option<ulong> Seed { get; } = new("--seed") { Description = "seeds Gumbel noise and random remasking", DefaultValueFactory = _ => 7UL };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in new Option[] { GenLength, BlockLength, Steps, Temperature, CfgScale, Remasking, ConfidenceDType, Seed })
            command.Options.Add(option);
    }

    public SamplerOptions Read(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new SamplerOptions
        {
            GenLength = result.GetValue(GenLength),
            BlockLength = result.GetValue(BlockLength),
            Steps = result.GetValue(Steps),
            Temperature = result.GetValue(Temperature),
            CfgScale = result.GetValue(CfgScale),
            Remasking = result.GetValue(Remasking) switch
            {
                "low_confidence" => Sampling.Remasking.LowConfidence,
                "random" => Sampling.Remasking.Random,
                var other => throw new TrainingConfigException($"--remasking must be low_confidence or random, not '{other}'"),
            },
            ConfidenceDType = result.GetValue(ConfidenceDType) switch
            {
                "model" => Sampling.ConfidenceDType.Model,
                "float64" => Sampling.ConfidenceDType.Float64,
                var other => throw new TrainingConfigException($"--confidence-dtype must be model or float64, not '{other}'"),
            },
            Seed = result.GetValue(Seed),
        }.Validate();
    }
}
