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
        return await CliInvocation.InvokeAsync(root, args, Console.Error).ConfigureAwait(false);
    }
}
