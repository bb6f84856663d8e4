using System.CommandLine;
using Spectre.Console;
using UltraLLaDA.Data.Output;

namespace UltraLLaDA.Data.Cli.Commands;

/// <summary>`ultrallada-data merge-manifests DIR/&lt;split&gt;...`: joins the parts of a partitioned job.</summary>
internal static class MergeManifestsCommand
{
    public static Command Create()
    {
        var folders = new Argument<string[]>("folders") { Description = "Split folders (OUT/<split>) holding manifest.partIIIofNNN.json files.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("merge-manifests", "Join the manifests and documents tables of a partitioned pack job (--partition I/N) into manifest.json and documents.jsonl.")
        {
            folders,
        };
        command.SetAction((parse, _) => CommandErrors.RunAsync(() =>
        {
            foreach (var folder in parse.GetValue(folders)!)
            {
                var merged = ManifestMerger.Merge(folder);
                var t = merged.Totals!;
                AnsiConsole.MarkupLine($"{Markup.Escape(folder)}: {merged.Parts!.Count} parts, {merged.Shards.Count} shards, {t.Documents:N0} documents, {t.Tokens:N0} tokens in {t.Records:N0} records (fill {(t.Fill is { } fill ? fill.ToString("P1", System.Globalization.CultureInfo.CurrentCulture) : "n/a: one document per sequence")}) -> manifest.json, documents.jsonl");
            }

            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }
}
