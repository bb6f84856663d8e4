using System.CommandLine;
using UltraLLaDA.Data.Cli.Commands;
using UltraLLaDA.Data.Cli.Inspection;
using UltraLLaDA.Data.Tokenization;

namespace UltraLLaDA.Data.Cli;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // Redirected output (logs, CI) gets no terminal width; Spectre would wrap at 80 columns.
        if (Console.IsOutputRedirected)
            Spectre.Console.AnsiConsole.Profile.Width = 160;
        var root = new RootCommand("ultrallada-data: pack a book corpus into ULDS shards for long-context diffusion-LM training, and inspect them.")
        {
            PackCommand.Create(),
            MergeManifestsCommand.Create(),
            Bench.BenchCommand.Create(),
            MakeEvalCommand.Create(),
        };
        InspectCommands.AddTo(root, spec => TokenizerLoader.Load(spec));
        return await CliInvocation.InvokeAsync(root, args, Console.Error).ConfigureAwait(false);
    }
}
