using System.CommandLine;
using Spectre.Console;
using UltraLLaDA.Data.Evaluation;

namespace UltraLLaDA.Data.Cli.Commands;

/// <summary>`ultrallada-data make-eval niah`: needle-in-a-haystack prompts of exact lengths (Figure 1).</summary>
internal static class MakeEvalNiahCommand
{
    public static Command Create()
    {
        var flags = new MakeEvalFlags("Seeds the keys and values (default 1).");
        var depths = new Option<string?>("--depths") { Description = "Needle depths in percent of the haystack, comma-separated (default 0,10,...,100)." };
        var needle = new Option<string>("--needle-template") { Description = "The needle sentence; {key} and {value} are its slots.", DefaultValueFactory = _ => EvalDefaults.NeedleTemplate };
        var question = new Option<string>("--question-template") { Description = "The question after the haystack; {key} is its slot.", DefaultValueFactory = _ => EvalDefaults.QuestionTemplate };
        var digits = new Option<int>("--value-digits") { Description = "Digits of each random value (default 7, as RULER).", DefaultValueFactory = _ => EvalDefaults.ValueDigits };
        var needles = new Option<int>("--needles") { Description = "Needles per prompt (RULER's multi-key variant when more than 1; the question asks for the first).", DefaultValueFactory = _ => 1 };
        var perCell = new Option<int>("--per-cell") { Description = "Prompts per (length, depth) cell, each with its own key and value.", DefaultValueFactory = _ => 1 };
        var command = new Command("niah", "NIAH set: haystacks of exactly L tokens with a needle at each depth and the question after them, as ULDS (one shard per length) plus niah.jsonl.");
        flags.AddTo(command);
        foreach (var option in new Option[] { depths, needle, question, digits, needles, perCell })
            command.Options.Add(option);
        command.SetAction((parse, cancellationToken) => MakeEvalCommand.RunAsync(async () =>
        {
            var shared = flags.Read(parse);
            var options = new NiahSetOptions
            {
                Input = shared.Input,
                TokenizerSpec = shared.TokenizerSpec,
                Lengths = shared.Lengths,
                Depths = MakeEvalCommand.ParseList(parse.GetValue(depths), "--depths"),
                Seed = shared.Seed,
                Templates = new NeedleTemplates(parse.GetValue(needle)!, parse.GetValue(question)!),
                ValueDigits = parse.GetValue(digits),
                Needles = parse.GetValue(needles),
                PerCell = parse.GetValue(perCell),
                Output = shared.Output,
                Overwrite = shared.Overwrite,
            };
            var tokenizer = shared.LoadTokenizer();
            var index = await NiahSetMaker.MakeAsync(options, tokenizer, cancellationToken).ConfigureAwait(false);
            AnsiConsole.MarkupLine($"NIAH set in [bold]{Markup.Escape(options.Output)}[/] ({Markup.Escape(index.Tokenizer.Name)}): {index.Records} prompts, lengths {string.Join(", ", index.Lengths)} x depths {string.Join(", ", index.Depths)}");
            AnsiConsole.MarkupLine(Markup.Escape($"haystack: {index.Documents.Count} document(s) of {index.Input}, {index.HaystackTokens} tokens"));
            return ExitCodes.Success;
        }));
        return command;
    }
}
