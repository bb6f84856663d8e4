using System.Diagnostics;
using UltraLLaDA.Data.Formats;
using UltraLLaDA.Data.Formats.Ulds;
using UltraLLaDA.Data.Inspection;
using UltraLLaDA.Data.Output;
using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Sources;
using UltraLLaDA.Data.Tokenization;

namespace UltraLLaDA.Data.Pipeline;

/// <summary>
/// Packs one split: read -> tokenize (N workers) -> reorder + pack -> compress (parallel, in order) ->
/// write shards, each stage joined to the next by a bounded channel. Output bytes do not depend on the
/// number of workers. Finished shards are listed in the manifest after each one, with where the next
/// record begins, so an interrupted job can be resumed to the same bytes.
/// </summary>
public sealed partial class PackJob
{
    private readonly PackJobSettings _settings;
    private readonly ITextTokenizer _tokenizer;
    private readonly OpenSource _openSource;

    /// <summary>Opens the split's documents from <paramref name="firstOrdinal"/> on (documents before it may be skipped).</summary>
    public delegate IAsyncEnumerable<SourceDocument> OpenSource(long firstOrdinal, CancellationToken cancellationToken);

    public PackJob(PackJobSettings settings, ITextTokenizer tokenizer, OpenSource openSource)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(openSource);
        PackingCheck.Validate(settings.Packing);

        if (settings.RecordsPerShard <= 0)
            throw new PackJobException(PackSetting.RecordsPerShard, $"records per shard must be positive, not {settings.RecordsPerShard}.");
        if (settings.Workers <= 0)
            throw new PackJobException(PackSetting.Workers, $"the worker count must be positive, not {settings.Workers}.");
        if (settings.Resume && settings.Overwrite)
            throw new PackJobException(PackSetting.Overwrite, "resume and overwrite contradict each other: pick one.");
        _settings = settings;
        _tokenizer = tokenizer;
        _openSource = openSource;
        Format = settings.Names.Format;
        // A format that takes whole documents gets one per record, whatever strategy was named.
        Strategy = Format.Input == FormatInput.Documents ? PackingStrategies.Documents : PackingStrategies.Get(settings.Packing.Strategy);
        if (Format.Input != FormatInput.Documents && Strategy == PackingStrategies.Documents)
            throw new PackJobException(PackSetting.Pack, $"packing strategy '{Strategy.Name}' is for formats that take whole documents; format {Format.Name} takes records of seq_len tokens.");
        try
        {
            Strategy.Validate(settings.Packing);
        }
        catch (ArgumentException e)
        {
            throw new PackJobException(e.ParamName == nameof(PackingOptions.PadId) ? PackSetting.PadId : PackSetting.Pack, $"packing strategy {Strategy.Name}: {e.Message}", e);
        }

        Context = new ShardContext(settings.Packing, tokenizer.Info.VocabSize, new TokenizerStamp(tokenizer.Info.Name, tokenizer.Info.Sha256), settings.ZstdLevel);
        Config = new OutputConfig(
            settings.Names.Split,
            settings.Packing.Layout.ToWireName(),
            settings.Packing.SeqLen,
            settings.Packing.Tail.ToWireName(),
            settings.RecordsPerShard,
            settings.ZstdLevel,
            new TokenizerStamp(tokenizer.Info.Name, tokenizer.Info.Sha256),
            tokenizer.Info.VocabSize,
            settings.Packing.EodId,
            settings.Packing.PadId,
            settings.Packing.BosId,
            settings.Names.PartitionText,
            Format.Name,
            Strategy.Name,
            settings.Packing.WindowDocuments,
            settings.Packing.WindowTokens);
    }

    public OutputConfig Config { get; }

    /// <summary>The output format the shards are written in.</summary>
    public IShardFormat Format { get; }

    /// <summary>The packing strategy the records are laid out by.</summary>
    public IPackingStrategy Strategy { get; }

    private ShardContext Context { get; }

    public PackCounters Counters { get; } = new();

    private string ManifestPath => Path.Combine(_settings.OutputDirectory, _settings.Names.Manifest);

    public async Task<PackJobResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            Directory.CreateDirectory(_settings.OutputDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PackJobException(PackProblem.OutputUnwritable, $"cannot create the output folder {_settings.OutputDirectory}: {e.Message}", e);
        }

        OutputFolderLock folderLock;
        try
        {
            folderLock = OutputFolderLock.Acquire(Path.Combine(_settings.OutputDirectory, _settings.Names.Lock));
        }
        catch (OutputFolderBusyException e)
        {
            throw new PackJobException(PackProblem.OutputBusy, e.Message, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PackJobException(PackProblem.OutputUnwritable, $"cannot write in the output folder {_settings.OutputDirectory} (its lock file {_settings.Names.Lock}): {e.Message}", e);
        }

        using var held = folderLock;
        var shards = PrepareOutput();
        if (shards is null)
            return new PackJobResult(ManifestFile.Read(ManifestPath), null, AlreadyComplete: true, clock.Elapsed);

        (Format as ISplitCompletion)?.Starting(_settings.OutputDirectory);
        var start = shards.Count == 0 ? PackPosition.Start : new PackPosition(shards[^1].NextDoc, shards[^1].NextOffset);
        var firstRecord = shards.Count == 0 ? 0 : shards[^1].FirstRecord + shards[^1].Records;
        WriteManifest(shards, complete: false, totals: null);

        using var documents = DocumentTableWriter.Open(Path.Combine(_settings.OutputDirectory, _settings.Names.Documents), shards.Count > 0 ? start.Doc : null);
        var packer = Strategy.CreatePacker(_settings.Packing, start, firstRecord);
        await RunStagesAsync(start, packer, documents, shards, cancellationToken).ConfigureAwait(false);

        documents.Complete();
        var totals = Totals(shards, packer.Stats);
        var manifest = WriteManifest(shards, complete: true, totals);
        return new PackJobResult(manifest, shards.Count > 0 && start != PackPosition.Start ? start : null, AlreadyComplete: false, clock.Elapsed);
    }

    /// <summary>
    /// Makes the split folder ready: refuses a folder holding another job's output, clears it for
    /// --overwrite, or for --resume keeps the shards that verify and returns them. Null: already complete.
    /// </summary>
    private List<ShardEntry>? PrepareOutput()
    {
        var folder = _settings.OutputDirectory;
        var steps = FileSystemSteps.Current;
        var ours = Directory.EnumerateFiles(folder).Select(Path.GetFileName).Where(n => _settings.Names.Owns(n!)).Select(n => n!).ToList();
        var hasManifest = File.Exists(ManifestPath);

        if (_settings.Overwrite || (!hasManifest && !_settings.Resume && ours.All(n => n.EndsWith(Format.PartialSuffix, StringComparison.Ordinal) || n.EndsWith(".tmp", StringComparison.Ordinal))))
        {
            foreach (var name in ours)
                steps.Delete(Path.Combine(folder, name));
            return [];
        }

        if (!_settings.Resume)
            throw new PackJobException(PackProblem.OutputHoldsAnotherJob, $"{folder} already holds the output of a pack job ({(hasManifest ? _settings.Names.Manifest : ours[0])}): resume it to continue, or overwrite it to replace it.");
        if (!hasManifest)
        {
            if (ours.Any(n => Format.Extensions.Any(e => n.EndsWith(e, StringComparison.Ordinal))))
                throw new PackJobException(PackProblem.CannotResume, $"{folder} holds shards but no {_settings.Names.Manifest}: it cannot be resumed, only overwritten.");
            foreach (var name in ours)
                steps.Delete(Path.Combine(folder, name));
            return [];
        }

        SplitManifest manifest;
        try
        {
            manifest = ManifestFile.Read(ManifestPath);
        }
        catch (InvalidDataException e)
        {
            throw new PackJobException(PackProblem.CannotResume, $"cannot resume: {e.Message}", e);
        }

        if (manifest.Config != Config)
            throw new PackJobException(PackProblem.CannotResume, $"cannot resume: {ManifestPath} was written by a job with another configuration ({Describe(manifest.Config)}); this job has ({Describe(Config)}); it can only be overwritten.");
        if (manifest.Complete)
            return null;

        var kept = new List<ShardEntry>();
        foreach (var shard in manifest.Shards)
        {
            if (!Format.IsIntact(folder, shard))
                break;
            kept.Add(shard);
        }

        // A finished documents table beside a manifest not marked complete: the kill came between the
        // table's rename and the final manifest. Its lines are kept as a partial table's would be (the
        // input rebuilds only those from the resume point on), so it goes back to its partial name.
        DocumentTableWriter.Reopen(Path.Combine(folder, _settings.Names.Documents));

        // Anything not kept (partial files, shards written after the last manifest update or that failed to verify) is rebuilt.
        var keptNames = kept.SelectMany(s => s.AllFiles).Select(f => f.File).ToHashSet(StringComparer.Ordinal);
        var partialTable = DocumentTableWriter.PartialPathOf(_settings.Names.Documents);
        foreach (var name in ours.Where(n => !keptNames.Contains(n) && n != _settings.Names.Manifest && n != partialTable && n != _settings.Names.Documents))
            steps.Delete(Path.Combine(folder, name));
        return kept;
    }

    private static string Describe(OutputConfig c) =>
        $"split {c.Split}, layout {c.Layout}, seq_len {c.SeqLen}, tail {c.Tail}, records/shard {c.RecordsPerShard}, zstd {c.ZstdLevel}, tokenizer {c.Tokenizer.Name} {c.Tokenizer.Sha256[..Math.Min(12, c.Tokenizer.Sha256.Length)]}, eod {c.EodId?.ToString() ?? "none"}, pad {c.PadId?.ToString() ?? "none"}, bos {c.BosId?.ToString() ?? "none"}, partition {c.Partition ?? "none"}, format {c.Format}, pack {c.Pack}, window {c.PackWindow?.ToString() ?? "default"} documents / {c.PackWindowTokens?.ToString() ?? "any"} tokens";

    private SplitManifest WriteManifest(List<ShardEntry> shards, bool complete, ManifestTotals? totals)
    {
        var manifest = new SplitManifest
        {
            Config = Config,
            Input = _settings.Input,
            Complete = complete,
            Shards = shards.ToArray(),
            Totals = totals,
            Documents = _settings.Names.Documents,
        };
        // A part is not a whole split: merge-manifests completes the merged one.
        if (complete && !_settings.Names.IsPartitioned && Format is ISplitCompletion completion)
            manifest = completion.Completing(_settings.OutputDirectory, manifest);
        ManifestFile.Write(ManifestPath, manifest);
        return manifest;
    }

    /// <summary>
    /// Totals of the whole split: shards (records, tokens, padding, pieces, cut documents) from the
    /// manifest's entries, so they are right after a resume; documents from the documents table; the
    /// dropped tail from this run's packer (only the final run reaches the tail).
    /// </summary>
    private ManifestTotals Totals(List<ShardEntry> shards, PackingStats stats)
    {
        var table = DocumentCatalog.Read(Path.Combine(_settings.OutputDirectory, _settings.Names.Documents));
        var seqLen = _settings.Packing.SeqLen;
        var fewest = table.Entries.Where(e => e.Tokens > 0).Sum(e => DocumentStream.FewestPieces(e.Tokens, seqLen));
        var documents = table.Count;
        var empty = table.Entries.Count(e => e.Tokens == 0);
        var nulls = table.Entries.Count(e => e.Skipped == "null");
        var records = shards.Sum(s => (long)s.Records);
        var padding = shards.Sum(s => s.PaddingTokens);
        var tokens = shards.Sum(s => s.Tokens) - padding;
        var pieces = shards.Sum(s => s.Segments);
        // A format that does not pack has no record space to fill and never cuts: both are not applicable.
        var packs = Format.Input != FormatInput.Documents;
        return new ManifestTotals(documents, empty, nulls, tokens, records, padding, stats.DroppedTokens, packs ? ManifestTotals.FillOf(tokens, records, seqLen) : null, shards.Sum(s => s.CutDocuments), packs ? pieces - fewest : null);
    }
}
