using Spectre.Console;
using UltraLLaDA.Data.Formats.Megatron;
using UltraLLaDA.Data.Inspection;

namespace UltraLLaDA.Data.Cli.Inspection;

/// <summary><c>inspect</c> for Megatron output: the pairs, their sequences and tokens, and the --data-path blend.</summary>
internal static class MegatronInspectView
{
    public static int Run(IReadOnlyList<InspectionTarget> targets, bool json, CommandIO io, CancellationToken cancellationToken) =>
        InspectCommand.Report<MegatronInspectReport, MegatronFormatException>(() => MegatronInspection.Inspect(targets, cancellationToken), json, io, Render);

    private static void Render(MegatronInspectReport r, IAnsiConsole console)
    {
        console.Write(new Rule($"[bold]megatron {Markup.Escape(r.Kind)} {Markup.Escape(r.Target)}[/]").LeftJustified());
        var grid = new Grid().AddColumn(new GridColumn().NoWrap().PadRight(2)).AddColumn();
        void Row(string label, string value) => grid.AddRow(new Markup($"[bold]{Markup.Escape(label)}[/]"), new Markup(value));

        Row("pairs", r.Pairs.Count == 1
            ? $"1 ({Markup.Escape(Path.GetFileName(r.Pairs[0].Prefix))}.bin/.idx)"
            : $"{r.Pairs.Count} ({Markup.Escape(Path.GetFileName(r.Pairs[0].Prefix))} .. {Markup.Escape(Path.GetFileName(r.Pairs[^1].Prefix))})");
        Row("dtype", $"{Markup.Escape(r.TokenDtype)} tokens");
        Row("sequences", $"{r.Sequences:N0} in {r.Documents:N0} documents");
        Row("tokens", $"{r.Tokens:N0}");
        Row("sequence length", $"min {r.SequenceLength.Min:N0} / median {r.SequenceLength.Median:N0} / mean {r.SequenceLength.Mean:N0} / max {r.SequenceLength.Max:N0} tokens");
        if (r.EodTerminated is long eod)
            Row("eod", $"{eod:N0} of {r.Sequences:N0} sequences end with EOD id {r.EodId}");
        Row("size", $"{InspectCommand.Bytes(r.FileBytes)} on disk, {r.BytesPerToken:0.###} bytes/token");
        Row("--data-path", Markup.Escape(r.DataPath));
        console.Write(grid);
        console.WriteLine();
        var table = new Table().Border(TableBorder.Simple).Title("sequence lengths (tokens)");
        table.AddColumn(new TableColumn("length").RightAligned());
        table.AddColumn(new TableColumn("sequences").RightAligned());
        table.AddColumn(new TableColumn(string.Empty).NoWrap());
        table.AddColumn(new TableColumn("tokens").RightAligned());
        var max = r.SequenceLengths.Count == 0 ? 1 : Math.Max(1, r.SequenceLengths.Max(b => b.Count));
        var tokens = Math.Max(1, r.Tokens);
        foreach (var bin in r.SequenceLengths)
        {
            var range = bin.Min == bin.Max ? $"{bin.Min:N0}" : $"{bin.Min:N0}-{bin.Max:N0}";
            table.AddRow(new Text(range), new Text($"{bin.Count:N0}"), new Markup($"[cyan]{InspectCommand.Bar(bin.Count, max, 32)}[/]"), new Text($"{bin.Tokens / (double)tokens:P1}"));
        }

        console.Write(table);
        console.WriteLine();
    }
}
