using System.CommandLine;
using Spectre.Console;
using UltraLLaDA.Data.Evaluation;
using UltraLLaDA.Data.Evaluation.LongBench;
using UltraLLaDA.Data.Tokenization;

namespace UltraLLaDA.Data.Cli.Commands;

/// <summary>`ultrallada-data make-eval longbench`: LongBench v1's 21 datasets, prompts cut to 16K tokens (the paper's Table 3).</summary>
internal static class MakeEvalLongBenchCommand
{
    public static Command Create()
    {
        var common = new MakeEvalOutputFlags();
        var input = new Option<string?>("--input") { Description = "The folder of LongBench's DATASET.jsonl files (data/ in data.zip from Hugging Face THUDM/LongBench)." };
        var datasets = new Option<string?>("--datasets") { Description = $"Datasets, comma-separated: names, en, zh or all (default all; absent files are skipped unless named): {string.Join(",", LongBenchDatasets.All.Select(d => d.Name))}." };
        var maxLength = new Option<int>("--max-length") { Description = $"The longest prompt in tokens; longer ones keep their first and last halves (default {EvalDefaults.LongBenchMaxLength}, LongBench-16K).", DefaultValueFactory = _ => EvalDefaults.LongBenchMaxLength };
        var maxRows = new Option<int?>("--max-rows") { Description = "Rows made per dataset, from the top of each file (for a small trial; default all)." };
        var command = new Command("longbench", "LongBench set: each row of LongBench's DATASET.jsonl files filled into its dataset's prompt template, tokenized and cut in the middle to --max-length as LongBench's pred.py does, as ULDS (one shard per dataset) plus longbench.jsonl with each prompt's answers, metric and generation length.");
        foreach (var option in new Option[] { input, common.Tokenizer, datasets, maxLength, maxRows, common.Output, common.Overwrite })
            command.Options.Add(option);
        command.SetAction((parse, cancellationToken) => MakeEvalCommand.RunAsync(async () =>
        {
            var folder = parse.GetValue(input) ?? throw new UsageException("--input is required (the folder of LongBench's DATASET.jsonl files).");
            if (!Directory.Exists(folder))
                throw new UsageException($"--input {folder}: no such folder (give the folder of LongBench's DATASET.jsonl files, data/ in its data.zip).");
            var spec = parse.GetValue(common.Tokenizer);
            var options = new LongBenchSetOptions
            {
                Input = folder,
                TokenizerSpec = spec,
                Datasets = parse.GetValue(datasets)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
                MaxLength = parse.GetValue(maxLength),
                MaxRows = parse.GetValue(maxRows),
                Output = common.ReadOutput(parse),
                Overwrite = parse.GetValue(common.Overwrite),
            };
            var tokenizer = TokenizerLoader.Load(spec);
            var index = await LongBenchSetMaker.MakeAsync(options, tokenizer, cancellationToken).ConfigureAwait(false);
            // The counts first, the folder last: a long path wrapped at the console's width then splits no count.
            AnsiConsole.MarkupLine($"LongBench set: {index.Records} prompts, {index.Datasets.Count} datasets, at most {index.MaxLength} tokens ({Markup.Escape(index.Tokenizer.Name)}), in [bold]{Markup.Escape(options.Output)}[/]");
            foreach (var file in index.Datasets)
                AnsiConsole.MarkupLine(Markup.Escape($"{file.Dataset}: {file.Prompts} rows{(file.Prompts < file.Rows ? $" of {file.Rows}" : string.Empty)}, {file.Truncated} truncated"));
            // A dataset is only ever skipped for want of its file (one named explicitly is an error instead). Written
            // plainly: Spectre would wrap the long list at the console's width, splitting names across lines.
            if (index.Skipped.Count > 0)
                await Console.Out.WriteLineAsync($"skipped {index.Skipped.Count} (no DATASET.jsonl in {index.Input}): {string.Join(", ", index.Skipped.Select(s => s.Dataset))}").ConfigureAwait(false);
            return ExitCodes.Success;
        }));
        return command;
    }
}
