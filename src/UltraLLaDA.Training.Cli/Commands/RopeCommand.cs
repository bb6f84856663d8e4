using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using UltraLLaDA.Training.Rope;

namespace UltraLLaDA.Training.Cli.Commands;

/// <summary><c>ultrallada-train rope</c>: critical dimensions, factors and scaled bases (paper Eq. 2–4).</summary>
internal static class RopeCommand
{
    public static Command Create()
    {
        var headDim = new Option<int>("--head-dim") { Description = "RoPE dimensions per head (d)", DefaultValueFactory = _ => 128 };
        var ropeBase = new Option<double>("--base") { Description = "the model's RoPE base (b)", DefaultValueFactory = _ => 500000 };
        var trainLength = new Option<int>("--train-len") { Description = "context the model was trained at (T_train)", DefaultValueFactory = _ => 4096 };
        var targetLength = new Option<int>("--target-len") { Description = "context to extend to (T_target)", DefaultValueFactory = _ => 131072 };
        var json = new Option<bool>("--json") { Description = "print JSON" };
        var command = new Command("rope", "Critical dimensions and scaled RoPE bases: LongLLaDA baseline NTK and Diffusion-aware NTK.")
        {
            headDim, ropeBase, trainLength, targetLength, json,
        };
        command.SetAction(result => CliErrors.Run(() =>
        {
            var report = RopeScaling.Report(result.GetValue(headDim), result.GetValue(ropeBase), result.GetValue(trainLength), result.GetValue(targetLength));
            Console.WriteLine(result.GetValue(json)
                ? JsonSerializer.Serialize(report, TrainingJsonContext.Indented.RopeScalingReport)
                : Format(report));
            return 0;
        }));
        return command;
    }

    internal static string Format(RopeScalingReport report)
    {
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"RoPE: head_dim {report.HeadDim}, base {report.RopeBase:R}, T_train {report.TrainLength}, T_target {report.TargetLength}"),
        };
        foreach (var m in new[] { report.Baseline, report.DiffusionAware, report.NtkAware })
        {
            var crit = m.CriticalDimension is { } d
                ? string.Create(CultureInfo.InvariantCulture, $"(d/2)·log_b(T/2π) = {m.CriticalPairIndex:F6} -> d_crit {d}, ")
                : string.Empty;
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"{m.Name,-19} {m.Equation}: T {m.CapturedContext:R} -> {m.TargetContext:R}: {crit}factor {m.Factor:F6}, base {m.ScaledBase:F3}"));
        }

        return string.Join(Environment.NewLine, lines);
    }
}
