using System.CommandLine;
using UltraLLaDA.Training.Metrics;

namespace UltraLLaDA.Training.Cli.Commands;

/// <summary><c>ultrallada-train plot</c>: redraws a run's loss curve from its metrics.jsonl.</summary>
internal static class PlotCommand
{
    public static Command Create()
    {
        var metrics = new Option<string>("--metrics") { Description = "a run's metrics.jsonl", Required = true };
        var output = new Option<string>("--out") { Description = "the PNG to write", Required = true };
        var title = new Option<string>("--title") { DefaultValueFactory = _ => "UltraLLaDA training loss" };
        var command = new Command("plot", "Draw the loss curve of a run as a PNG.") { metrics, output, title };
        command.SetAction(result => CliErrors.Run(() =>
        {
            var history = MetricsLog.Read(result.GetValue(metrics)!);
            LossCurvePlot.Write(history, result.GetValue(output)!, result.GetValue(title)!);
            Console.WriteLine($"plot: {history.Count} updates -> {result.GetValue(output)}");
            return 0;
        }));
        return command;
    }
}
