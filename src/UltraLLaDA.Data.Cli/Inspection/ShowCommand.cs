using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using UltraLLaDA.Data.Inspection;
using UltraLLaDA.Data.Sources;
using UltraLLaDA.Data.Formats.Ulds;
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
            if (record < 0)
                throw new InspectionInputException($"--record must be 0 or more, not {record}.");
            if (InspectionTargets.ResolveMegatron(path) is not null)
                throw new InspectionInputException($"{path}: Megatron .bin/.idx output holds one sequence per document, no records or segment tables to show; use inspect or verify.");
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
            return ExitCodes.BadInput;
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
        return ExitCodes.Success;
    }

    private static ITextTokenizer LoadTokenizer(Func<ITextTokenizer> load)
    {
        try
        {
            return load();
        }
        catch (Exception e) when (e is TokenizerLoadException or ArgumentException or IOException or InvalidDataException or NotSupportedException)
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

        foreach (var s in r.Segments)
        {
            var title = s.Title is { } t ? $" \"{Markup.Escape(t)}\"" : string.Empty;
            console.MarkupLine($"[bold]seg {s.Number}[/]  tokens {s.Start:N0}..{s.End - 1:N0} ({s.Length:N0})  [bold]doc {s.Doc}[/]{title}");
            var of = s.DocumentTokens is long total ? $" of {total:N0}" : string.Empty;
            console.MarkupLine($"       stream {s.Offset:N0}..{s.Offset + s.Length - 1:N0}{of} · {Markup.Escape(Continuity(s))}");
            if (s.Source is { } source)
                console.MarkupLine($"       [dim]{Markup.Escape(SourcePlace.Describe(source, s.Row ?? 0))}{(s.Url is { } url ? $" · {Markup.Escape(url)}" : string.Empty)}[/]");
        }

        if (r.Segments.All(s => s.Text is null))
            return;

        foreach (var s in r.Segments)
        {
            var text = s.Text!;
            var title = s.Title is { } t ? $" \"{(t.Length > 40 ? t[..39] + "…" : t)}\"" : string.Empty;
            console.Write(new Rule($"[bold]▼ seg {s.Number}[/] · doc {s.Doc}{Markup.Escape(title)} · {(s.IsContinuation ? $"from stream token {s.Offset:N0}" : "start of the document")}").LeftJustified());
            if (text.StartsWithBos)
                console.Markup("[black on yellow]⟨BOS⟩[/]");
            // Trailing line breaks are dropped from the display only, so the end marker sits right after the text.
            console.Write(new Text(text.Tail is null ? text.Head.TrimEnd('\r', '\n') : text.Head));
            if (text.Tail is not null)
            {
                console.WriteLine();
                console.MarkupLine($"[black on grey]  ⋯ {text.OmittedTokens:N0} tokens not shown (--full shows them) ⋯  [/]");
                console.Write(new Text(text.Tail.TrimEnd('\r', '\n')));
            }

            if (text.EndsWithEod)
                console.Markup("[black on yellow]⟨EOD⟩[/]");
            console.WriteLine();
            var end = s.ContinuesInNextRecord switch
            {
                true => $"cut: goes on in the next record at {s.Offset + s.Length:N0}",
                false => "end of the document",
                null => "end of the segment",
            };
            console.Write(new Rule($"[bold]▲ seg {s.Number}[/] · {Markup.Escape(end)}").LeftJustified());
        }

        if (r.PaddingTokens > 0)
            console.MarkupLine($"[black on grey]⟨padding: {r.PaddingTokens:N0} x pad id {InspectCommand.Id(r.PadId)}⟩[/]");
    }

    private static string Continuity(SegmentReport s)
    {
        var from = s.IsContinuation ? "continued from the previous record" : "document start";
        var to = s.ContinuesInNextRecord switch
        {
            true => "cut → next record",
            false => "document end",
            null => "end unknown (no documents table)",
        };
        return $"{from} · {to}";
    }
}
