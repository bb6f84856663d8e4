using System.CommandLine;

namespace UltraLLaDA.Data.Cli;

/// <summary>Parses and runs a command line; a flag the parser rejects is a usage error like any other: one line each, exit code 2 (System.CommandLine would exit 1, which means "problems found" here).</summary>
internal static class CliInvocation
{
    public static async Task<int> InvokeAsync(RootCommand root, string[] args, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(error);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors)
                await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            await error.WriteLineAsync("run with --help for the flags.").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        return await parse.InvokeAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
