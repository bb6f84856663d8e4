using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using UltraLLaDA.Data.Inspection;
using UltraLLaDA.Data.Formats.Ulds;

namespace UltraLLaDA.Data.Cli.Inspection;

/// <summary><c>inspect PATH [--json]</c>: a summary of a shard, a split or a whole output folder.</summary>
internal static class InspectCommand
{
    public static Command Create(CommandIO? io = null)
    {
        var path = new Argument<string>("PATH") { Description = "A shard (.ulds), a split folder (OUT/train) or a pack job's output folder (OUT)." };
        var json = new Option<bool>("--json") { Description = "Write the summary as JSON for scripts (an object; an array when PATH holds several splits)." };
        var threads = new Option<int>("--threads") { Description = "Threads that read records (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("inspect", "Summarize shards: header, records, tokens, padding, documents and segments, fill rate, segment lengths, compression.")
        {
            path, json, threads,
        };
        command.SetAction((parse, token) => Task.FromResult(Run(parse.GetValue(path)!, parse.GetValue(json), parse.GetValue(threads), io ?? CommandIO.Standard, token)));
        return command;
    }

    public static int Run(string path, bool json, int threads, CommandIO io, CancellationToken cancellationToken = default)
    {
        if (InspectionTargets.ResolveMegatron(path) is { } pairs)
            return MegatronInspectView.Run(pairs, json, io, cancellationToken);
        return Report<InspectReport, ShardFormatException>(() => InspectionTargets.Resolve(path).Select(t => ShardStatistics.Collect(t, threads, cancellationToken)).ToList(), json, io, Render);
    }

    /// <summary>
    /// Collects the reports and writes them (JSON, or rendered); the one place that maps inspect's failures to
    /// exit codes, for every format: bad input is exit 2, a damaged file (<typeparamref name="TDamage"/>) exit 1.
    /// </summary>
    internal static int Report<TReport, TDamage>(Func<IReadOnlyList<TReport>> collect, bool json, CommandIO io, Action<TReport, IAnsiConsole> render)
        where TDamage : Exception
    {
        IReadOnlyList<TReport> reports;
        try
        {
            reports = collect();
        }
        catch (InspectionInputException e)
        {
            io.Error.WriteLine($"inspect: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (TDamage e)
        {
            io.Error.WriteLine($"inspect: {e.Message}");
            io.Error.WriteLine("inspect: run 'ultrallada-data verify' to list every problem.");
            return ExitCodes.Problems;
        }

        if (json)
        {
            io.Out.WriteLine(reports.Count == 1 ? JsonSerializer.Serialize(reports[0], CliJson.Options) : JsonSerializer.Serialize(reports, CliJson.Options));
            return ExitCodes.Success;
        }

        foreach (var report in reports)
            render(report, io.Console);
        return ExitCodes.Success;
    }

    public static void Render(InspectReport r, IAnsiConsole console)
    {
        var h = r.Header;
        console.Write(new Rule($"[bold]{Markup.Escape(r.Kind)} {Markup.Escape(r.Target)}[/]").LeftJustified());
        var grid = new Grid().AddColumn(new GridColumn().NoWrap().PadRight(2)).AddColumn();
        void Row(string label, string value) => grid.AddRow(new Markup($"[bold]{Markup.Escape(label)}[/]"), new Markup(value));

        Row("layout", $"{h.Layout} [dim]({Markup.Escape(LayoutMeaning(h.Layout))})[/]");
        Row("seq_len", $"{h.SeqLen:N0} tokens ({h.TokenDtype})");
        Row("tokenizer", $"{Markup.Escape(h.TokenizerName)}  sha256 {Markup.Escape(Short(h.TokenizerSha256))}  vocab {h.VocabSize:N0}");
        Row("ids", $"eod {Id(h.EodId)} · pad {Id(h.PadId)} · bos {Id(h.BosId)}");
        Row("shards", r.Shards.Count == 1
            ? $"1 ({Markup.Escape(r.Shards[0].File)}, shard_index {r.Shards[0].ShardIndex})"
            : $"{r.Shards.Count} ({Markup.Escape(r.Shards[0].File)} .. {Markup.Escape(r.Shards[^1].File)})");
        var tails = new List<string>();
        if (r.PaddedRecords > 0)
            tails.Add($"{r.PaddedRecords} padded tail");
        if (r.ShortRecords > 0)
            tails.Add($"{r.ShortRecords} short tail");
        Row("records", $"{r.Records:N0}" + (tails.Count > 0 ? $" ({string.Join(", ", tails)})" : string.Empty));
        Row("tokens", $"{r.Tokens:N0} = {r.DocumentTokens:N0} document + {r.PaddingTokens:N0} padding");
        Row("fill", $"{r.Fill:P2} of record space is document tokens");
        Row("documents", $"{r.Documents:N0} [dim]({r.CutDocuments:N0} cut across records; {r.ContinuationSegments:N0} continuation segments)[/]");
        Row("segments", $"{r.Segments:N0}; per record min {r.SegmentsPerRecord.Min} / median {r.SegmentsPerRecord.Median:0.#} / mean {r.SegmentsPerRecord.Mean:0.##} / max {r.SegmentsPerRecord.Max}");
        Row("segment length", $"min {r.SegmentLength.Min:N0} / median {r.SegmentLength.Median:N0} / mean {r.SegmentLength.Mean:N0} / max {r.SegmentLength.Max:N0} tokens");
        Row("size", $"{Bytes(r.FileBytes)} on disk, {r.BytesPerToken:0.###} bytes/token");
        Row("compression", $"{r.CompressionRatio:0.##}x: {Bytes(r.PayloadBytes)} of records -> {Bytes(r.CompressedBytes)} zstd");
        if (r.DocumentTable is { } d)
            Row(d.File, $"{d.Documents:N0} documents ({d.EmptyDocuments:N0} empty, {d.NullDocuments:N0} null), {d.StreamTokens:N0} stream tokens");
        if (r.Manifest is { } m)
        {
            Row(m.File, $"{(m.Complete ? "complete" : "[yellow]not complete[/]")}, tail {Markup.Escape(m.Tail)}, {m.RecordsPerShard:N0} records/shard, zstd {m.ZstdLevel}"
                + (m.DroppedTokens is > 0 ? $", {m.DroppedTokens:N0} tokens dropped" : string.Empty)
                + (m.Input is { } input ? $", input {Markup.Escape(input)}" : string.Empty));
        }

        console.Write(grid);
        console.WriteLine();
        console.Write(Histogram(r));
        console.WriteLine();
    }

    private static Table Histogram(InspectReport r)
    {
        var table = new Table().Border(TableBorder.Simple).Title("segment lengths (tokens)");
        table.AddColumn(new TableColumn("length").RightAligned());
        table.AddColumn(new TableColumn("segments").RightAligned());
        table.AddColumn(new TableColumn(string.Empty).NoWrap());
        table.AddColumn(new TableColumn("tokens").RightAligned());
        var max = r.SegmentLengths.Count == 0 ? 1 : Math.Max(1, r.SegmentLengths.Max(b => b.Count));
        var tokens = Math.Max(1, r.DocumentTokens);
        foreach (var bin in r.SegmentLengths)
        {
            var range = bin.Min == bin.Max ? $"{bin.Min:N0}" : $"{bin.Min:N0}-{bin.Max:N0}";
            table.AddRow(
                new Text(range),
                new Text($"{bin.Count:N0}"),
                new Markup($"[cyan]{Bar(bin.Count, max, 32)}[/]"),
                new Text($"{bin.Tokens / (double)tokens:P1}"));
        }

        return table;
    }

    /// <summary>A horizontal bar of up to <paramref name="width"/> cells, with eighth-cell resolution.</summary>
    internal static string Bar(long value, long max, int width)
    {
        if (value <= 0)
            return string.Empty;
        var eighths = (int)Math.Max(1, Math.Round(value * width * 8.0 / max));
        var bar = new string('█', eighths / 8);
        if (eighths % 8 > 0)
            bar += "▏▎▍▌▋▊▉"[(eighths % 8) - 1];
        return bar;
    }

    private static string LayoutMeaning(string layout) => layout switch
    {
        "adaptive" => "no EOD; attention confined to each segment",
        "eod" => "an EOD closes every document; full attention",
        "direct" => "no EOD; full attention",
        _ => "unknown",
    };

    internal static string Id(uint? id) => id?.ToString() ?? "none";

    private static string Short(string sha) => sha.Length > 16 ? sha[..16] + "…" : sha;

    internal static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.##} GiB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.##} MiB",
        >= 1L << 10 => $"{bytes / (double)(1L << 10):0.##} KiB",
        _ => $"{bytes} B",
    };
}
