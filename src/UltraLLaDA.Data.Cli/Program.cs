using System.CommandLine;

namespace UltraLLaDA.Data.Cli;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("ultrallada-data: pack a book corpus into ULDS shards for long-context diffusion-LM training.");
        return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
    }
}
