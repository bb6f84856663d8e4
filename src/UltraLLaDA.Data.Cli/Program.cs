using System.CommandLine;
using UltraLLaDA.Data.Cli.Commands;

namespace UltraLLaDA.Data.Cli;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // Redirected output (logs, CI) gets no terminal width; Spectre would wrap at 80 columns.
        if (Console.IsOutputRedirected)
            Spectre.Console.AnsiConsole.Profile.Width = 160;
        var root = new RootCommand("ultrallada-data: pack a book corpus into ULDS shards for long-context diffusion-LM training.")
        {
            PackCommand.Create(),
        };
        return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
    }
}
