using System.CommandLine;
using UltraLLaDA.Training.Cli.Commands;

namespace UltraLLaDA.Training.Cli;

internal static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("ultrallada-train: train and evaluate LLaDA-style diffusion LMs on ULDS shards (TorchSharp).")
        {
            TrainCommand.Create(),
            EvalPplCommand.Create(),
            NiahCommand.Create(),
            RopeCommand.Create(),
            ExportCommand.Create(),
            PlotCommand.Create(),
        };
        return root.Parse(args).Invoke();
    }
}
