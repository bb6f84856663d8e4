using Spectre.Console;

namespace UltraLLaDA.Data.Cli.Display;

/// <summary>The table printed when a pack job ends: what each split became.</summary>
internal static class SummaryTable
{
    public static void Print(IReadOnlyList<SplitSummary> rows, int seqLen)
    {
        var pack = rows.Count > 0 ? rows[0].Result.Manifest.Config.Pack : "concat";
        // A format that takes whole documents writes one sequence per document: no fixed record length, no fill.
        var whole = pack == Packing.PackingStrategies.Documents.Name;
        var table = new Table().Border(TableBorder.Rounded).Title(whole ? "one sequence per document" : $"packed into {seqLen:N0}-token records ({pack})");
        foreach (var column in new[] { "split", "documents", "empty/null", "tokens", "records", "shards", "fill", "cut docs", "extra pieces", "MB/s", "time" })
            table.AddColumn(new TableColumn(column).RightAligned());
        foreach (var row in rows)
        {
            var m = row.Result.Manifest;
            var t = m.Totals;
            var seconds = Math.Max(row.Result.Elapsed.TotalSeconds, 1e-6);
            table.AddRow(
                row.Split,
                t is null ? "-" : $"{t.Documents:N0}",
                t is null ? "-" : $"{t.EmptyDocuments - t.NullDocuments:N0}/{t.NullDocuments:N0}",
                t is null ? "-" : $"{t.Tokens:N0}",
                t is null ? "-" : $"{t.Records:N0}",
                $"{m.Shards.Count:N0}",
                t is null ? "-" : t.Fill is { } fill && !whole ? $"{fill:P2}" : "n/a",
                t is null ? "-" : $"{t.CutDocuments:N0}",
                t is null ? "-" : t.PiecesBeyondFewest is { } pieces ? $"{pieces:N0}" : "n/a",
                row.Result.AlreadyComplete ? "done before" : $"{row.Counters.TextBytesRead / 1e6 / seconds:N1}",
                $"{row.Result.Elapsed.TotalSeconds:N1}s");
        }

        AnsiConsole.Write(table);
        foreach (var row in rows)
        {
            var notes = new List<string> { $"read {Sources.DocumentSources.Describe(row.Layout)} input", $"shards, manifest.json and documents.jsonl in {row.Folder}; extra pieces: pieces beyond the fewest each document's length needs" };
            if (row.Result.Manifest.DataPath is not null)
                notes.Add($"--data-path blend in {Formats.Megatron.MegatronDataPath.FileName}");
            if (row.Result.ResumedFrom is { } from)
                notes.Add($"resumed at {from}");
            if (row.Source.BomsRemoved > 0)
                notes.Add($"{row.Source.BomsRemoved} leading BOMs removed");
            if (row.Source.InvalidUtf8Sequences > 0)
                notes.Add($"{row.Source.InvalidUtf8Sequences} invalid UTF-8 sequences in {row.Source.DocumentsWithInvalidUtf8} documents replaced by U+FFFD");
            if (row.Source.DocumentsWithoutMetadata > 0)
                notes.Add($"{row.Source.DocumentsWithoutMetadata} books without a metadata.csv row");
            if (row.Result.Manifest.Totals is { DroppedTokens: > 0 } t)
                notes.Add($"{t.DroppedTokens:N0} tail tokens dropped (--tail drop)");
            AnsiConsole.MarkupLine($"[grey]{Markup.Escape(row.Split)}: {Markup.Escape(string.Join("; ", notes))}[/]");
        }
    }
}
