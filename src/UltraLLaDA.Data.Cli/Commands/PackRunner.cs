using Spectre.Console;
using UltraLLaDA.Data.Cli.Display;
using UltraLLaDA.Data.Formats;
using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Pipeline;
using UltraLLaDA.Data.Sources;
using UltraLLaDA.Data.Tokenization;

namespace UltraLLaDA.Data.Cli.Commands;

/// <summary>Runs `pack` with merged settings: checks them, loads the tokenizer once, packs each split with progress, prints the summary.</summary>
internal static class PackRunner
{
    public static async Task<int> RunAsync(PackSettings s, CancellationToken cancellationToken)
    {
        var input = s.Input ?? throw new UsageException("--input is required (a PG-19 folder, Parquet file(s) or JSONL).");
        var output = s.Out ?? throw new UsageException("--out is required (the folder the shards go to).");
        var layoutName = s.Layout ?? throw new UsageException("--layout is required: adaptive, eod or direct.");
        if (!SequenceLayoutNames.TryParseLayout(layoutName, out var layout))
            throw new UsageException($"--layout must be adaptive, eod or direct, not '{layoutName}'.");
        var formatName = s.Format ?? ShardFormats.Default.Name;
        if (!ShardFormats.TryGet(formatName, out var outputFormat))
            throw new UsageException($"--format must be {string.Join(" or ", ShardFormats.Names)}, not '{formatName}'.");
        var tailName = s.Tail ?? "pad";
        if (!SequenceLayoutNames.TryParseTail(tailName, out var tail))
            throw new UsageException($"--tail must be pad, drop or keep, not '{tailName}'.");
        var seqLen = s.SeqLen ?? PackingOptions.DefaultSeqLen;
        if (seqLen <= 0)
            throw new UsageException($"--seq-len must be a positive number of tokens, not {seqLen}.");
        var workers = s.Workers ?? Environment.ProcessorCount;
        if (workers <= 0)
            throw new UsageException($"--workers must be positive, not {workers}.");
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
        var info = tokenizer.Info;
        var eod = info.EodId is int e ? (uint)e : (uint?)null;
        if (layout == SequenceLayout.Eod && eod is null)
            throw new UsageException($"layout eod needs an EOD token and tokenizer {info.Name} has no document-end token: pass --eod-id or --eod-token.");
        var pad = s.PadId is int p ? (uint)p : eod;
        // A format that takes whole documents pads nothing, so it needs no pad id.
        if (tail == TailPolicy.Pad && pad is null && outputFormat.Input != FormatInput.Documents)
            throw new UsageException($"tail policy pad needs a pad id and tokenizer {info.Name} has no EOD to default to: pass --pad-id, or --tail drop/keep.");
        foreach (var (name, id) in new[] { ("--pad-id", pad), ("--bos-id", s.BosId is int b ? (uint)b : (uint?)null), ("--eod-id", eod) })
        {
            if (id is uint value && value >= info.VocabSize)
                throw new UsageException($"{name} {value} is outside the vocabulary of {info.Name} ({info.VocabSize} ids).");
        }

        AnsiConsole.MarkupLine($"tokenizer [bold]{Markup.Escape(info.Name)}[/] ({info.VocabSize:N0} ids, sha256 {info.Sha256[..12]}…)");
        AnsiConsole.MarkupLine(eod is null
            ? "EOD: none (layout " + layout.ToWireName() + " does not need one)"
            : $"EOD id {eod} [bold]{Markup.Escape(info.EodToken ?? "?")}[/] ({Markup.Escape(info.EodReason)}); pad id {pad?.ToString() ?? "none"}");

        if (outputFormat.Input == FormatInput.Documents && layout != SequenceLayout.Eod)
            AnsiConsole.MarkupLine($"[yellow]note:[/] layout {layout.ToWireName()} writes no EOD; Megatron finds document boundaries by the EOD (--reset-attention-mask, --eod-mask-loss): use --layout eod for document masking.");

        var splits = s.Split is null or "all" ? DocumentSources.ListSplits(input, format) : [s.Split];
        if (splits.Count == 0)
            throw new UsageException($"--input {input}: found no split (train, validation, test) in it; name the split with --split.");

        var packing = new PackingOptions { SeqLen = seqLen, Layout = layout, Tail = tail, EodId = eod, PadId = pad, BosId = s.BosId is int bos ? (uint)bos : null };
        var live = s.NoProgress != true && AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected;
        var rows = new List<SplitSummary>();
        foreach (var split in splits)
        {
            var source = DocumentSources.Open(input, split, partition, format);
            var settings = new PackJobSettings
            {
                OutputDirectory = Path.Combine(output, split),
                Names = new OutputNames(split, partition.Index, partition.Count) { Format = outputFormat },
                Packing = packing,
                RecordsPerShard = s.RecordsPerShard ?? PackJobSettings.DefaultRecordsPerShard,
                ZstdLevel = s.ZstdLevel ?? Formats.Ulds.RecordEncoder.DefaultLevel,
                Workers = workers,
                Resume = s.Resume == true,
                Overwrite = s.Overwrite == true,
                Input = input,
                ByteBudget = s.MemoryMb is int mb ? (long)mb << 20 : PackJobSettings.DefaultByteBudget,
            };
            var job = new PackJob(settings, tokenizer, source.ReadAsync);
            if (partition.Count == 1)
                job.Counters.DocumentsExpected = await source.CountDocumentsAsync(cancellationToken).ConfigureAwait(false);
            var result = await PackProgress.RunAsync(split, job, live, cancellationToken).ConfigureAwait(false);
            rows.Add(new SplitSummary(split, settings.OutputDirectory, result, job.Counters, source.Stats));
        }

        SummaryTable.Print(rows, seqLen);
        return ExitCodes.Success;
    }
}
