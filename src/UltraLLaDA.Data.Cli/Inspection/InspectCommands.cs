using System.CommandLine;
using UltraLLaDA.Data.Tokenization;

namespace UltraLLaDA.Data.Cli.Inspection;

/// <summary>Registers inspect, show, verify and mask on the root command.</summary>
internal static class InspectCommands
{
    /// <summary>
    /// Adds the four commands to <paramref name="root"/>. <paramref name="tokenizers"/> loads the tokenizer
    /// <c>show --decode</c> decodes with: the --tokenizer value, or null for the default.
    /// </summary>
    public static void AddTo(RootCommand root, Func<string?, ITextTokenizer> tokenizers, CommandIO? io = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.Subcommands.Add(InspectCommand.Create(io));
        root.Subcommands.Add(ShowCommand.Create(tokenizers, io));
        root.Subcommands.Add(VerifyCommand.Create(io));
        root.Subcommands.Add(MaskCommand.Create(io));
    }
}
