using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using UltraLLaDA.Data.Inspection;
using UltraLLaDA.Data.Shards;
using UltraLLaDA.Data.Tokenization;

namespace UltraLLaDA.Data.Cli.Inspection;

/// <summary><c>show PATH --record N [--decode [--tokenizer T] [--full]]</c>: one record, segment by segment.</summary>
internal static class ShowCommand
{
    public static Command Create(Func<string?, ITextTokenizer> tokenizers, CommandIO? io = null)
    {
        ArgumentNullException.ThrowIfNull(tokenizers);
        var path = new Argument<string>("PATH") { Description = "A shard (.ulds; N counts in the shard) or a split folder (N counts in the split)." };
        var record = new Option<long>("--record", "-r") { Description = "The record to show.", Required = true };
        var decode = new Option<bool>("--decode") { Description = "Decode each segment's tokens to text, with visible boundary markers." };
        var tokenizer = new Option<string?>("--tokenizer") { Description = "Tokenizer to decode with (default: o200k_base, the default packing tokenizer)." };
        var full = new Option<bool>("--full") { Description = "With --decode: all of each segment's text, not its head and tail." };
        var context = new Option<int>("--context") { Description = "With --decode: tokens shown at each end of a long segment.", DefaultValueFactory = _ => RecordInspector.DefaultContextTokens };
        var json = new Option<bool>("--json") { Description = "Write the record's description as JSON." };
        var command = new Command("show", "Show one record: its segments with provenance (document, title, source, offset, length, continuation) and, with --decode, their text.")
        {
            path, record, decode, tokenizer, full, context, json,
        };
        command.SetAction((parse, _) => Task.FromResult(Run(
            parse.GetValue(path)!,
            parse.GetValue(record),
            parse.GetValue(decode) ? () => tokenizers(parse.GetValue(tokenizer)) : null,
            parse.GetValue(full),
            parse.GetValue(context),
            parse.GetValue(json),
            io ?? CommandIO.Standard)));
        return command;
    }

    /// <param name="path">Shard or split folder.</param>
    /// <param name="record">Record number (in the shard, or in the split for a folder).</param>
    /// <param name="tokenizer">Loads the tokenizer to decode with; null: no decoding.</param>
    /// <param name="full">Decode all of each segment.</param>
    /// <param name="context">Tokens at each end of a long segment.</param>
    /// <param name="json">JSON output.</param>
    /// <param name="io">Where to write.</param>
    public static int Run(string path, long record, Func<ITextTokenizer>? tokenizer, bool full, int context, bool json, CommandIO io)
    {
        RecordReport report;
        try
        {
            if (context < 1)
                throw new InspectionInputException($"--context must be at least 1, not {context}.");
            var target = InspectionTargets.ResolveOne(path);
            var (shard, index, splitRecord) = RecordInspector.Locate(target, record);
            var documents = target.DocumentsPath is { } table ? DocumentCatalog.Read(table) : null;
            ITextTokenizer? decoder = null;
            if (tokenizer is not null)
            {
                decoder = LoadTokenizer(tokenizer);
                using var reader = ShardReader.Open(shard);
                var made = reader.Header.Tokenizer.Name;
                if (!string.Equals(made, decoder.Info.Name, StringComparison.OrdinalIgnoreCase))
                    io.Error.WriteLine($"show: warning: the shard was made with tokenizer \"{made}\"; decoding with \"{decoder.Info.Name}\" (pass --tokenizer to choose).");
            }

            report = RecordInspector.Describe(shard, index, splitRecord, documents, decoder, full, context);
        }
        catch (InspectionInputException e)
        {
            io.Error.WriteLine($"show: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (ShardFormatException e)
        {
            io.Error.WriteLine($"show: {e.Message}");
            return ExitCodes.Problems;
        }

        if (json)
            io.Out.WriteLine(JsonSerializer.Serialize(report, CliJson.Options));
        else
            Render(report, io.Console);
        return ExitCodes.Ok;
    }

    private static ITextTokenizer LoadTokenizer(Func<ITextTokenizer> load)
    {
        try
        {
            return load();
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidDataException or NotSupportedException)
        {
            throw new InspectionInputException($"cannot load the tokenizer: {e.Message}", e);
        }
    }

    public static void Render(RecordReport r, IAnsiConsole console)
    {
        var where = r.SplitRecord is long split ? $"record {split} of the split = record {r.Record} of {Path.GetFileName(r.File)}" : $"record {r.Record} of {Path.GetFileName(r.File)}";
        console.Write(new Rule($"[bold]{Markup.Escape(where)}[/]").LeftJustified());
        var padding = r.PaddingTokens > 0 ? $" + {r.PaddingTokens:N0} padding (pad id {InspectCommand.Id(r.PadId)})" : string.Empty;
        console.MarkupLine($"layout {r.Layout} · {r.Tokens:N0} tokens of seq_len {r.SeqLen:N0} = {r.DocumentTokens:N0} in {r.Segments.Count} segment(s){Markup.Escape(padding)}");
        if (r.DocumentsFile is null)
            console.MarkupLine("[dim]no documents table beside the shard: titles and sources unknown[/]");

        var table = new Table().Border(TableBorder.Simple);
        foreach (var column in new[] { "seg", "tokens in record", "doc", "title", "source", "offset", "length", "continuity" })
            table.AddColumn(new TableColumn(column));
        table.Columns[0].RightAligned();
        table.Columns[2].RightAligned();
        table.Columns[5].RightAligned();
        table.Columns[6].RightAligned();
        foreach (var s in r.Segments)
        {
            table.AddRow(
                new Text(s.Number.ToString()),
                new Text($"{s.Start:N0}..{s.End - 1:N0}"),
                new Text(s.Doc.ToString()),
                new Text(s.Title ?? "?"),
                new Text(s.Source is null ? "?" : s.Row is > 0 ? $"{s.Source}#{s.Row}" : s.Source),
                new Text($"{s.Offset:N0}"),
                new Text(s.DocumentTokens is long total ? $"{s.Length:N0} of {total:N0}" : $"{s.Length:N0}"),
                new Text(Continuity(s)));
        }

        console.Write(table);
        if (r.Segments.All(s => s.Text is null))
            return;

        foreach (var s in r.Segments)
        {
            var text = s.Text!;
            var title = s.Title is { } t ? $" \"{t}\"" : string.Empty;
            console.Write(new Rule($"[bold]▼ segment {s.Number}[/] · tokens {s.Start:N0}..{s.End - 1:N0} · doc {s.Doc}{Markup.Escape(title)} · offset {s.Offset:N0}{(s.IsContinuation ? " (continued from the previous record)" : " (start of the document)")}").LeftJustified());
            if (text.StartsWithBos)
                console.Markup("[black on yellow]⟨BOS⟩[/]");
            console.Write(new Text(text.Head));
            if (text.Tail is not null)
            {
                console.WriteLine();
                console.MarkupLine($"[black on grey]  ⋯ {text.OmittedTokens:N0} tokens not shown (--full shows them) ⋯  [/]");
                console.Write(new Text(text.Tail));
            }

            if (text.EndsWithEod)
                console.Markup("[black on yellow]⟨EOD⟩[/]");
            console.WriteLine();
            var end = s.ContinuesInNextRecord switch
            {
                true => $"cut: doc {s.Doc} continues in the next record at offset {s.Offset + s.Length:N0}",
                false => $"end of doc {s.Doc}",
                null => "documents table not found: whether the document goes on is unknown",
            };
            console.Write(new Rule($"[bold]▲ end of segment {s.Number}[/] · {Markup.Escape(end)}").LeftJustified());
        }

        if (r.PaddingTokens > 0)
            console.MarkupLine($"[black on grey]⟨padding: {r.PaddingTokens:N0} x pad id {InspectCommand.Id(r.PadId)}⟩[/]");
    }

    private static string Continuity(SegmentReport s)
    {
        var from = s.IsContinuation ? "continues previous record" : "starts doc";
        var to = s.ContinuesInNextRecord switch
        {
            true => "cut, goes on",
            false => "ends doc",
            null => "?",
        };
        return $"{from}; {to}";
    }
}
