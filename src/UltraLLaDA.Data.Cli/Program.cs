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
            MergeManifestsCommand.Create(),
            Bench.BenchCommand.Create(),
        };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // A flag the parser rejects is a usage error like any other: one line each, exit code 2.
            foreach (var error in parse.Errors)
                await Console.Error.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false);
            await Console.Error.WriteLineAsync("run with --help for the flags.").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        return await parse.InvokeAsync().ConfigureAwait(false);
    }
}
