using System.CommandLine;
using UltraLLaDA.Training.Cli.Commands;
using UltraLLaDA.Training.Model;
using UltraLLaDA.Training.Native;

namespace UltraLLaDA.Training.Cli;

internal static class Program
{
    public static int Main(string[] args)
    {
        // Before any TorchSharp call: a bring-your-own libtorch (ULTRALLADA_LIBTORCH) is checked and loaded first.
        try
        {
            ExternalLibTorch.Prepare();
        }
        catch (TrainingConfigException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return CliErrors.UserError;
        }

        var root = new RootCommand("ultrallada-train: train and evaluate LLaDA-style diffusion LMs on ULDS shards (TorchSharp).")
        {
            TrainCommand.Create(),
            PlanCommand.Create(),
            EvalPplCommand.Create(),
            NiahCommand.Create(),
            RulerCommand.Create(),
            LongBenchCommand.Create(),
            RopeCommand.Create(),
            ExportCommand.Create(),
            PlotCommand.Create(),
            DoctorCommand.Create(),
        };
        return root.Parse(args).Invoke();
    }
}
