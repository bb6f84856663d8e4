using System.CommandLine;
using Spectre.Console;
using UltraLLaDA.Data.Evaluation;
using UltraLLaDA.Data.Evaluation.Ruler;

namespace UltraLLaDA.Data.Cli.Commands;

/// <summary>`ultrallada-data make-eval ruler`: RULER's 13 tasks at exact token lengths (the paper's Table 4).</summary>
internal static class MakeEvalRulerCommand
{
    public static Command Create()
    {
        var flags = new MakeEvalFlags("Seeds every random draw (default 1).");
        var tasks = new Option<string?>("--tasks") { Description = $"RULER tasks, comma-separated (default all: {string.Join(",", RulerTasks.All.Select(t => t.Name))}; qa_1/qa_2 only with --squad/--hotpotqa)." };
        var samples = new Option<int>("--samples") { Description = $"Prompts per task and length (default {EvalDefaults.RulerSamples}, RULER's).", DefaultValueFactory = _ => EvalDefaults.RulerSamples };
        var squad = new Option<string?>("--squad") { Description = "SQuAD JSON (e.g. dev-v2.0.json) for qa_1; without it qa_1 is skipped." };
        var hotpot = new Option<string?>("--hotpotqa") { Description = "HotpotQA JSON (e.g. hotpot_dev_distractor_v1.json) for qa_2; without it qa_2 is skipped." };
        var command = new Command("ruler", "RULER set: niah_single_1..3, niah_multikey_1..3, niah_multivalue, niah_multiquery, vt, cwe, fwe, qa_1, qa_2 at exactly L tokens (default 4K, 8K, 16K, 32K), as ULDS (one shard per length) plus ruler.jsonl with each prompt's answers; the essay haystack is the input's books.");
        flags.AddTo(command);
        foreach (var option in new Option[] { tasks, samples, squad, hotpot })
            command.Options.Add(option);
        command.SetAction((parse, cancellationToken) => MakeEvalCommand.RunAsync(async () =>
        {
            var shared = flags.Read(parse);
            var options = new RulerSetOptions
            {
                Input = shared.Input,
                TokenizerSpec = shared.TokenizerSpec,
                Lengths = shared.Lengths,
                Tasks = parse.GetValue(tasks)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
                Samples = parse.GetValue(samples),
                Seed = shared.Seed,
                Squad = parse.GetValue(squad),
                HotpotQa = parse.GetValue(hotpot),
                Output = shared.Output,
                Overwrite = shared.Overwrite,
            };
            var tokenizer = shared.LoadTokenizer();
            var index = await RulerSetMaker.MakeAsync(options, tokenizer, cancellationToken).ConfigureAwait(false);
            AnsiConsole.MarkupLine($"RULER set in [bold]{Markup.Escape(options.Output)}[/] ({Markup.Escape(index.Tokenizer.Name)}): {index.Records} prompts, {index.Tasks.Count} tasks x lengths {string.Join(", ", index.Lengths)} x {index.Samples} samples");
            foreach (var skip in index.Skipped)
                AnsiConsole.MarkupLine(Markup.Escape($"skipped {skip.Task}: {skip.Reason}"));
            AnsiConsole.MarkupLine(Markup.Escape($"essay haystack: {index.Documents.Count} book(s) of {index.Input}"));
            return ExitCodes.Success;
        }));
        return command;
    }
}
