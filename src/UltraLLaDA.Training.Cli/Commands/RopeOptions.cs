using System.CommandLine;
using UltraLLaDA.Training.Model;
using UltraLLaDA.Training.Rope;

namespace UltraLLaDA.Training.Cli.Commands;

/// <summary>--rope-base, or --rope-scaling with --target-len: the RoPE base a run or an evaluation uses.</summary>
internal sealed class RopeOptions
{
    public Option<double> Base { get; } = new("--rope-base") { Description = "use this RoPE base (overrides the model's)" };

    public Option<string> Scaling { get; } = new("--rope-scaling")
    {
        Description = "scale the model's RoPE base for --target-len: none, baseline (LongLLaDA, Eq. 3), diffusion-aware (Eq. 4), ntk (Eq. 2)",
        DefaultValueFactory = _ => "none",
    };

    public Option<int> TargetLength { get; } = new("--target-len") { Description = "target context for --rope-scaling" };

    public void AddTo(Command command)
    {
        command.Options.Add(Base);
        command.Options.Add(Scaling);
        command.Options.Add(TargetLength);
    }

    /// <summary>The base to use for <paramref name="model"/>; 0 when nothing was asked (keep the model's or the checkpoint's).</summary>
    public double Resolve(ParseResult result, ModelConfig model)
    {
        var explicitBase = result.GetValue(Base);
        var scaling = result.GetValue(Scaling) ?? "none";
        if (explicitBase > 0 && scaling != "none")
            throw new TrainingConfigException("--rope-base and --rope-scaling contradict each other: pick one");
        if (explicitBase > 0)
            return explicitBase;
        if (scaling == "none")
            return 0;
        var target = result.GetValue(TargetLength);
        if (target <= 0)
            throw new TrainingConfigException("--rope-scaling needs --target-len");
        return RopeScaling.BaseFor(scaling, model.HeadDim, model.RopeBase, model.TrainedLength, target);
    }
}
