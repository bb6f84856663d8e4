using System.CommandLine;
using UltraLLaDA.Data.Cli.Inspection;

namespace UltraLLaDA.Data.Cli;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("ultrallada-data: pack a book corpus into ULDS shards for long-context diffusion-LM training.");
        // inspect, show, verify, mask. At the tokenizer merge: pass `spec => TokenizerLoader.Load(spec, null)`.
        InspectCommands.AddTo(root, O200kTokenizer.Load);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // Bad usage exits 2 (System.CommandLine's own error action exits 1, which means "problems found" here).
            foreach (var error in parse.Errors)
                await Console.Error.WriteLineAsync(error.Message).ConfigureAwait(false);
            await Console.Error.WriteLineAsync("Run with --help for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync().ConfigureAwait(false);
    }
}
