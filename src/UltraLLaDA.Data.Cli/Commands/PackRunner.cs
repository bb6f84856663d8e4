using Spectre.Console;
using UltraLLaDA.Data.Cli.Display;
using UltraLLaDA.Data.Formats;
using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Pipeline;
using UltraLLaDA.Data.Sources;
using UltraLLaDA.Data.Tokenization;

namespace UltraLLaDA.Data.Cli.Commands;

/// <summary>
/// Runs `pack`: maps the merged flags onto a <see cref="CorpusJobRequest"/> (the library resolves and
/// checks it), loads the tokenizer once, packs each split with progress, prints the summary.
/// </summary>
internal static class PackRunner
{
    public static async Task<int> RunAsync(PackSettings s, CancellationToken cancellationToken)
    {
        var input = s.Input ?? throw new UsageException("--input is required (a PG-19 folder, Parquet file(s) or JSONL).");
        var output = s.Out ?? throw new UsageException("--out is required (the folder the shards go to).");
        var layoutName = s.Layout ?? throw new UsageException("--layout is required: adaptive, eod or direct.");
        if (!SequenceLayoutNames.TryParseLayout(layoutName, out var layout))
            throw new UsageException($"--layout must be adaptive, eod or direct, not '{layoutName}'.");
        var tailName = s.Tail ?? "pad";
        if (!SequenceLayoutNames.TryParseTail(tailName, out var tail))
            throw new UsageException($"--tail must be pad, drop or keep, not '{tailName}'.");
        // Flag values that cannot even be parsed into a request are usage errors; the library checks the rest.
        if (s.SeqLen is <= 0)
            throw new UsageException($"--seq-len must be a positive number of tokens, not {s.SeqLen}.");
        if (s.MemoryMb is <= 0)
            throw new UsageException($"--memory-mb must be positive, not {s.MemoryMb}.");
        PartitionSpec partition;
        try
        {
            partition = s.Partition is null ? PartitionSpec.Whole : PartitionSpec.Parse(s.Partition);
        }
        catch (Exception error) when (error is ArgumentException or FormatException)
        {
            throw new UsageException($"--partition: {error.Message}");
        }

        var format = s.InputFormat switch
        {
            null or "auto" => SourceLayout.Auto,
            "parquet" => SourceLayout.Parquet,
            "pg19" => SourceLayout.Pg19Text,
            "jsonl" => SourceLayout.JsonLines,
            var other => throw new UsageException($"--input-format must be auto, parquet, pg19 or jsonl, not '{other}'."),
        };
        if (!File.Exists(input) && !Directory.Exists(input))
            throw new UsageException($"--input {input}: no such file or folder.");

        var tokenizer = TokenizerLoader.Load(s.Tokenizer, new EodOverride(s.EodId, s.EodToken));
        var request = new CorpusJobRequest
        {
            Input = input,
            Output = output,
            InputLayout = format,
            Split = s.Split is null or "all" ? null : s.Split,
            Partition = partition,
            Layout = layout,
            SeqLen = s.SeqLen ?? PackingOptions.DefaultSeqLen,
            Tail = tail,
            PadId = s.PadId is int p ? (uint)p : null,
            BosId = s.BosId is int b ? (uint)b : null,
            Pack = s.Pack,
            PackWindow = s.PackWindow,
            PackWindowTokens = s.PackWindowTokens,
            Format = s.Format,
            RecordsPerShard = s.RecordsPerShard ?? PackJobSettings.DefaultRecordsPerShard,
            ZstdLevel = s.ZstdLevel ?? Formats.Ulds.RecordEncoder.DefaultLevel,
            Workers = s.Workers ?? Environment.ProcessorCount,
            ByteBudget = s.MemoryMb is int mb ? (long)mb << 20 : PackJobSettings.DefaultByteBudget,
            Resume = s.Resume == true,
            Overwrite = s.Overwrite == true,
        };
        var corpus = CorpusJob.Plan(request, tokenizer);

        var info = tokenizer.Info;
        var packing = corpus.Packing;
        AnsiConsole.MarkupLine($"tokenizer [bold]{Markup.Escape(info.Name)}[/] ({info.VocabSize:N0} ids, sha256 {info.Sha256[..12]}…)");
        AnsiConsole.MarkupLine(packing.EodId is not uint eod
            ? "EOD: none (layout " + layout.ToWireName() + " does not need one)"
            : $"EOD id {eod} [bold]{Markup.Escape(info.EodToken ?? "?")}[/] ({Markup.Escape(TokenizerErrorAdvice.EodReason(info))}); pad id {packing.PadId?.ToString() ?? "none"}");

        if (corpus.Format.Input == FormatInput.Documents && layout != SequenceLayout.Eod)
            AnsiConsole.MarkupLine($"[yellow]note:[/] layout {layout.ToWireName()} writes no EOD; Megatron finds document boundaries by the EOD (--reset-attention-mask, --eod-mask-loss): use --layout eod for document masking.");

        var display = s.NoProgress == true ? ProgressDisplay.None
            : AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected ? ProgressDisplay.Live
            : ProgressDisplay.PlainLines;
        var rows = new List<SplitSummary>();
        foreach (var split in corpus.Splits)
        {
            var job = split.CreateJob(tokenizer);
            if (partition.Count == 1)
                job.Counters.DocumentsExpected = await split.Source.CountDocumentsAsync(cancellationToken).ConfigureAwait(false);
            var result = await PackProgress.RunAsync(split.Split, job, display, cancellationToken).ConfigureAwait(false);
            rows.Add(new SplitSummary(split.Split, split.Settings.OutputDirectory, result, job.Counters, split.Source.Stats, split.Source.Layout));
        }

        SummaryTable.Print(rows, packing.SeqLen);
        return ExitCodes.Success;
    }
}
