using System.CommandLine;

namespace UltraLLaDA.Data.Cli.Inspection;

/// <summary>Parses and runs a command line; a usage error exits 2, not System.CommandLine's 1 (which means "problems found" here).</summary>
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
                await error.WriteLineAsync(e.Message).ConfigureAwait(false);
            await error.WriteLineAsync("Run with --help for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
