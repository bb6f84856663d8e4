using System.CommandLine;
using Spectre.Console;
using UltraLLaDA.Data.Evaluation;

namespace UltraLLaDA.Data.Cli.Commands;

/// <summary>`ultrallada-data make-eval ppl`: windows of one PG-19 text at each length (Table 1).</summary>
internal static class MakeEvalPplCommand
{
    public static Command Create()
    {
        var flags = new MakeEvalFlags();
        var concatenate = new Option<bool>("--concatenate") { Description = "When no document is long enough, join documents in split order (and say so in ppl.json)." };
        var command = new Command("ppl", "PPL set: one text of at least the longest length, its first L tokens for each L, as ULDS (one shard per length) plus ppl.json.");
        flags.AddTo(command);
        command.Options.Add(concatenate);
        command.SetAction((parse, cancellationToken) => MakeEvalCommand.RunAsync(async () =>
        {
            var shared = flags.Read(parse);
            var options = new PplSetOptions
            {
                Input = shared.Input,
                TokenizerSpec = shared.TokenizerSpec,
                Lengths = shared.Lengths,
                Output = shared.Output,
                Concatenate = parse.GetValue(concatenate),
                Overwrite = shared.Overwrite,
            };
            var tokenizer = shared.LoadTokenizer();
            var index = await PplSetMaker.MakeAsync(options, tokenizer, cancellationToken).ConfigureAwait(false);
            var first = index.Documents[0];
            AnsiConsole.MarkupLine($"PPL set in [bold]{Markup.Escape(options.Output)}[/] ({Markup.Escape(index.Tokenizer.Name)}): {index.Windows.Count} windows, lengths {string.Join(", ", index.Windows.Select(w => w.Length))}");
            AnsiConsole.MarkupLine(Markup.Escape($"text: document {first.Ordinal} {first.Id} '{first.Title}' ({index.TextTokens} tokens{(index.Concatenated ? $", {index.Documents.Count} documents joined" : "")}), windows from token 0"));
            return ExitCodes.Success;
        }));
        return command;
    }
}
