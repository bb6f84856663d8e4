using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using UltraLLaDA.Data.Formats.Megatron;
using UltraLLaDA.Data.Output;
using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Pipeline;
using UltraLLaDA.Data.Formats.Ulds;

namespace UltraLLaDA.Data.Inspection;

/// <summary>
/// Checks a shard, a split folder or a job's output folder against everything FORMAT.md and the
/// pipeline promise, and lists each problem with its file and record:
/// <list type="bullet">
/// <item>each shard: magics, version, header, footer, index hash and entries, every record's frame,
/// payload size and XXH64, segment ids and table, padding and flags, token ids below vocab_size
/// (<see cref="ShardReader"/>); only a record's first segment continues a document; documents follow in
/// order; in layout <c>eod</c> a document's stream ends with the EOD id; with a BOS, streams start with it;
/// padding is the pad id;</item>
/// <item>each manifest (and each part manifest of a partitioned split): every listed shard is there, with
/// the listed size, SHA-256, record and token counts, first record and resume position; headers agree with
/// the config (seq_len, layout, vocab_size, eod/pad/bos ids, tokenizer name and sha256) and carry their
/// position as shard_index; only the split's last record may be padded or short, as the tail policy says;
/// the totals add up; no shard lies in the folder unlisted;</item>
/// <item>the records tile the documents table: in order, each non-empty document's segments run
/// 0, l1, l1+l2, ... to exactly its stream length, empty documents have none, nothing is missing but a
/// dropped tail of exactly the manifest's dropped_tokens;</item>
/// <item>a merged manifest joins its parts exactly (shards, totals, config, documents table).</item>
/// </list>
/// Records are read in parallel on <see cref="VerifyOptions.Threads"/> threads, a window of shards at a time.
/// </summary>
public sealed class ShardVerifier
{
    private readonly ConcurrentBag<VerificationProblem> _problems = [];
    private readonly VerifyOptions _options;
    private int _manifests;

    private ShardVerifier(VerifyOptions options) => _options = options;

    /// <summary>Verifies <paramref name="path"/>: a .ulds file, a split folder or a folder of split folders.</summary>
    /// <exception cref="InspectionInputException">Nothing to verify at <paramref name="path"/>.</exception>
    public static VerificationReport Verify(string path, VerifyOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (MegatronTargets.Handles(path))
            return MegatronTargets.Verify(path, options, cancellationToken);
        var verifier = new ShardVerifier(options ?? new VerifyOptions());
        return verifier.Run(path, cancellationToken);
    }

    private VerificationReport Run(string path, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var units = new List<Unit>();
        var joins = new List<(string Path, SplitManifest Manifest, List<Unit> Parts)>();
        if (File.Exists(path))
        {
            var target = InspectionTargets.Resolve(path)[0];
            if (!target.IsSingleShard)
                throw new InspectionInputException($"{path}: give a shard (.ulds) or a folder to verify.");
            units.Add(new Unit { Folder = target.Folder, Files = [path], CatalogPath = target.DocumentsPath, WholeSplit = false });
        }
        else if (Directory.Exists(path))
        {
            var folders = InspectionTargets.SplitFolders(path);
            if (folders.Count == 0)
                throw new InspectionInputException($"{path}: holds no shards (*.ulds) or manifests, and no split folder that does.");
            foreach (var folder in folders)
                PlanFolder(folder, units, joins);
        }
        else
        {
            throw new InspectionInputException($"{path}: no such file or folder.");
        }

        foreach (var unit in units)
            LoadCatalog(unit);

        var shards = units.SelectMany(u => u.Shards).ToList();
        ParallelRecordScan.Run(shards.Count, _options.Threads, new ParallelRecordScan.Callbacks
        {
            Open = i => OpenShard(shards[i]),
            Record = (i, _, record) => CheckRecord(shards[i], record),
            RecordError = (i, _, index, e) =>
            {
                shards[i].Records[index].Read = false;
                Add(shards[i].Display, index, e.Problem ?? e.Message);
            },
            FileTask = i => HashShard(shards[i]),
        }, cancellationToken);

        foreach (var unit in units)
            CheckUnit(unit);
        foreach (var (manifestPath, manifest, parts) in joins)
            MergeCheck.Check(manifestPath, manifest, parts.Select(p => new MergeCheck.Part(p.ManifestPath!, p.Manifest!, p.Catalog)).ToList(), Add);

        var problems = _problems.ToList();
        problems.Sort();
        clock.Stop();
        var read = shards.Where(s => s.Header is not null).ToList();
        return new VerificationReport(
            problems,
            _manifests,
            shards.Count,
            read.Sum(s => (long)s.Records.Length),
            read.Sum(s => s.IndexTokens),
            shards.Sum(s => s.Bytes),
            read.Sum(s => s.PayloadBytes),
            clock.Elapsed,
            _options.Threads);
    }

    // ---- planning -------------------------------------------------------------------------------

    private void PlanFolder(string folder, List<Unit> units, List<(string, SplitManifest, List<Unit>)> joins)
    {
        var mergedPath = Path.Combine(folder, OutputFolder.ManifestName);
        var partPaths = InspectionTargets.PartManifests(folder);
        var listed = new HashSet<string>(StringComparer.Ordinal);
        SplitManifest? merged = null;
        if (File.Exists(mergedPath))
        {
            merged = ReadManifest(mergedPath);
            if (merged is not null)
                listed.UnionWith(merged.Shards.Select(s => s.File));
        }

        var parts = new List<Unit>();
        if (merged is { Parts: { Count: > 0 } named })
        {
            foreach (var name in named)
            {
                var partPath = Path.Combine(folder, name);
                if (!File.Exists(partPath))
                {
                    Add(Display(mergedPath), null, $"names part manifest {name}, which is missing: that part's records cannot be checked against its documents");
                    continue;
                }
            }
        }

        foreach (var partPath in partPaths)
        {
            var part = ReadManifest(partPath);
            if (part is null)
                continue;
            listed.UnionWith(part.Shards.Select(s => s.File));
            var unit = ManifestUnit(folder, partPath, part);
            parts.Add(unit);
            units.Add(unit);
        }

        if (merged is not null)
        {
            if (merged.Parts is { Count: > 0 })
                joins.Add((mergedPath, merged, parts));
            else if (parts.Count == 0)
                units.Add(ManifestUnit(folder, mergedPath, merged));
            else
                Add(Display(mergedPath), null, $"lists no parts, but the folder holds part manifests ({string.Join(", ", parts.Select(p => Path.GetFileName(p.ManifestPath)))})");
        }

        var onDisk = OutputFolder.ShardFiles(folder).Select(f => Path.GetFileName(f)!).ToList();
        if (merged is null && partPaths.Count == 0)
        {
            if (!File.Exists(mergedPath))
                Add(Display(mergedPath), null, "is missing: without a manifest only each shard's own format can be checked (no file hashes, counts, totals or document tiling)");
            units.Add(new Unit { Folder = folder, Files = onDisk.Select(f => Path.Combine(folder, f)).ToList(), CatalogPath = null, WholeSplit = false });
            return;
        }

        foreach (var stray in onDisk.Where(f => !listed.Contains(f)))
            Add(Display(Path.Combine(folder, stray)), null, "is not listed in any manifest of its folder (left over from another run, or the manifest lost it)");
    }

    private Unit ManifestUnit(string folder, string manifestPath, SplitManifest manifest)
    {
        var documents = manifest.Documents is { } name ? Path.Combine(folder, name) : null;
        if (documents is null)
            Add(Display(manifestPath), null, "names no documents table: the records cannot be checked against the documents");
        return new Unit
        {
            Folder = folder,
            ManifestPath = manifestPath,
            Manifest = manifest,
            Files = manifest.Shards.Select(s => Path.Combine(folder, s.File)).ToList(),
            CatalogPath = documents,
            WholeSplit = true,
        };
    }

    private SplitManifest? ReadManifest(string path)
    {
        _manifests++;
        try
        {
            return ManifestFile.Read(path);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            Add(Display(path), null, $"cannot be read: {e.Message.Replace(path + ": ", string.Empty, StringComparison.Ordinal)}");
            return null;
        }
    }

    private void LoadCatalog(Unit unit)
    {
        for (var i = 0; i < unit.Files.Count; i++)
        {
            var file = unit.Files[i];
            var shard = new Shard { Unit = unit, Position = i, Path = file, Display = Display(file) };
            unit.Shards.Add(shard);
        }

        if (unit.CatalogPath is not { } path)
            return;
        if (!File.Exists(path))
        {
            if (unit.WholeSplit)
                Add(Display(path), null, "is missing: the records cannot be checked against the documents");
            return;
        }

        try
        {
            unit.Catalog = DocumentCatalog.Read(path);
            foreach (var problem in unit.Catalog.Problems)
                Add(Display(path), null, problem);
            if (unit.WholeSplit && unit.Manifest?.Config.Partition is null)
            {
                for (var i = 0; i < unit.Catalog.Count; i++)
                {
                    if (unit.Catalog[i].Doc != i)
                    {
                        Add(Display(path), null, $"entry {i} is document {unit.Catalog[i].Doc}: an unpartitioned split's table lists every document 0, 1, 2, ... in order");
                        break;
                    }
                }
            }
        }
        catch (IOException e)
        {
            Add(Display(path), null, $"cannot be read: {e.Message}");
        }
    }

    // ---- reading shards (worker threads) -----------------------------------------------------------

    private ShardReader? OpenShard(Shard shard)
    {
        if (!File.Exists(shard.Path))
        {
            var entry = shard.ManifestEntry;
            var which = entry is null ? string.Empty : $" (records {entry.FirstRecord}..{entry.FirstRecord + entry.Records - 1} of the split, {entry.Records} records)";
            Add(shard.Display, null, $"is missing{which}");
            return null;
        }

        shard.Bytes = new FileInfo(shard.Path).Length;
        ShardReader? reader;
        try
        {
            reader = ShardReader.Open(shard.Path);
        }
        catch (ShardFormatException e)
        {
            Add(shard.Display, e.Record, e.Problem ?? e.Message);
            reader = e.Kind == ShardFormatError.IndexHash ? Salvage(shard) : null;
            if (reader is null && e.Record is null)
            {
                foreach (var located in ShardDamage.Locate(shard.Path, shard.Display))
                    _problems.Add(located);
            }

            if (reader is null)
            {
                shard.HeaderOnly = TryReadHeader(shard.Path);
                return null;
            }
        }

        shard.Header = reader.Header;
        shard.Records = new RecordSummary[reader.RecordCount];
        shard.IndexTokens = reader.Index.Sum(e => (long)e.TokenCount);
        shard.PayloadBytes = reader.Index.Sum(e => e.PayloadSize);
        return reader;
    }

    /// <summary>The header of a shard that cannot be opened, when the header itself is intact, so it can still be compared with the manifest.</summary>
    private static ShardHeader? TryReadHeader(string path)
    {
        try
        {
            using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            var preamble = new byte[ShardFormat.PreambleSize];
            if (RandomAccess.Read(file, preamble, 0) != preamble.Length || !preamble.AsSpan(0, 8).SequenceEqual(ShardFormat.Magic))
                return null;
            var length = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(preamble.AsSpan(12));
            if (length > ShardFormat.MaxHeaderLength || ShardFormat.PreambleSize + (long)length > RandomAccess.GetLength(file))
                return null;
            var bytes = new byte[length];
            return RandomAccess.Read(file, bytes, ShardFormat.PreambleSize) == bytes.Length ? ShardHeaderJson.Parse(bytes, path) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>After an index hash mismatch: open without it, so the damaged entry is named by its record.</summary>
    private ShardReader? Salvage(Shard shard)
    {
        try
        {
            return ShardReader.OpenIgnoringIndexHash(shard.Path);
        }
        catch (ShardFormatException e)
        {
            if (e.Record is not null)
                Add(shard.Display, e.Record, $"index entry damaged: {e.Problem}");
            return null;
        }
    }

    private void HashShard(Shard shard)
    {
        if (shard.ManifestEntry is null || !File.Exists(shard.Path))
            return;
        try
        {
            using var stream = new FileStream(shard.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
            shard.Sha256 = Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (IOException e)
        {
            Add(shard.Display, null, $"cannot be read to hash it: {e.Message}");
        }
    }

    private void CheckRecord(Shard shard, ShardRecord record)
    {
        var header = shard.Header!;
        var catalog = shard.Unit.Catalog;
        var segments = record.Segments;
        var tokens = record.Tokens;
        var cu = record.CuSeqlens;
        var index = record.Index;
        ref var summary = ref shard.Records[index];
        summary.Read = true;
        summary.SegmentCount = segments.Length;
        summary.TokenCount = record.TokenCount;
        summary.UnpaddedCount = record.UnpaddedCount;
        summary.IsPadded = record.IsPadded;
        if (segments.Length == 0)
        {
            Add(shard.Display, index, "holds no segment: a record carries at least one document's tokens");
            return;
        }

        summary.First = segments[0];
        summary.Last = segments[^1];
        var rules = shard.Unit.Tiling;
        if (!rules.InStreamOrder)
        {
            foreach (var piece in segments)
                shard.Pieces.Add((index, piece));
        }

        rules.CheckSegments(
            segments,
            header.SeqLen,
            doc => catalog is not null && catalog.TryFind(doc, out var at) ? catalog[at].Tokens : null,
            problem => Add(shard.Display, index, problem));
        var previousPosition = -1;
        for (var k = 0; k < segments.Length; k++)
        {
            var s = segments[k];
            var name = SegmentNames.Describe(k, s);
            if (header.BosId is uint bos && s.Offset == 0 && tokens[cu[k]] != bos)
                Add(shard.Display, index, $"{name} starts its document but its first token is {tokens[cu[k]]}, not the BOS id {bos}");
            var lastToken = tokens[cu[k + 1] - 1];

            if (catalog is null)
            {
                if (header.Layout == SequenceLayout.Eod && header.EodId is uint eod && k < segments.Length - 1 && lastToken != eod)
                    Add(shard.Display, index, $"{name} is followed by another document, so it ends its own, but its last token is {lastToken}, not the EOD id {eod}");
                continue;
            }

            if (!catalog.TryFind(s.Doc, out var position))
            {
                Add(shard.Display, index, $"{name}: document {s.Doc} is not in {Path.GetFileName(catalog.Path)}");
                previousPosition = -1;
                continue;
            }

            var stream = catalog[position].Tokens;
            var end = (long)s.Offset + s.Length;
            if (end > stream)
                Add(shard.Display, index, $"{name} runs to token {end}, past the end of the document's {stream}-token stream (documents table)");
            var complete = end == stream;
            if (rules.InStreamOrder && k > 0 && previousPosition >= 0 && catalog.NonEmptyIn(previousPosition + 1, position) is var missing and > 0)
                Add(shard.Display, index, $"between doc {segments[k - 1].Doc} and doc {s.Doc} (segments {k} and {k + 1}), {missing} document(s) with tokens have no segment");
            if (header.Layout == SequenceLayout.Eod && header.EodId is uint eodId && complete && lastToken != eodId)
                Add(shard.Display, index, $"{name} ends its document but its last token is {lastToken}, not the EOD id {eodId}");
            previousPosition = position;
        }

        if (record.IsPadded)
        {
            var padding = tokens[record.UnpaddedCount..];
            if (header.PadId is not uint pad)
                Add(shard.Display, index, "is a padded tail, but the header has no pad_id");
            else if (padding.IndexOfAnyExcept(pad) is var stray and >= 0)
                Add(shard.Display, index, $"padding token {record.UnpaddedCount + stray} is {padding[stray]}, not the pad id {pad}");
        }
    }

    // ---- after the scan: manifests, tiling, totals ----------------------------------------------------

    private void CheckUnit(Unit unit)
    {
        var manifest = unit.Manifest;
        var manifestDisplay = unit.ManifestPath is { } mp ? Display(mp) : null;
        if (manifest is not null)
            CheckManifest(unit, manifest, manifestDisplay!);
        else
            CheckHeadersAgree(unit);

        if (unit.Tiling.InStreamOrder)
            Tile(unit);
        else
            PieceTiling.Check(unit.Shards.Select(s => (s.Display, s.Header is null || s.Records.Any(r => !r.Read) ? null : (IEnumerable<(int, Segment)>)s.Pieces)).ToList(), unit.Catalog, unit.WholeSplit && unit.Manifest is { Complete: true }, Add);
    }

    private void CheckManifest(Unit unit, SplitManifest manifest, string display)
    {
        var config = manifest.Config;
        if (manifest.Format != "ulds-manifest" || manifest.Version != 1)
            Add(display, null, $"is format \"{manifest.Format}\" version {manifest.Version}; this tool knows \"ulds-manifest\" version 1");
        if (!manifest.Complete)
            Add(display, null, "says the job has not finished (complete: false): the split is partial; resume the job");
        if (manifest.Complete && manifest.Totals is null)
            Add(display, null, "says complete but has no totals");
        if (!SequenceLayoutNames.TryParseLayout(config.Layout, out _))
            Add(display, null, $"config layout \"{config.Layout}\" is not adaptive, eod or direct");
        if (!SequenceLayoutNames.TryParseTail(config.Tail, out _))
            Add(display, null, $"config tail \"{config.Tail}\" is not pad, drop or keep");
        if (!PackingStrategies.TryGet(config.Pack, out _))
            Add(display, null, $"config pack \"{config.Pack}\" is not a known packing strategy ({string.Join(", ", PackingStrategies.Names)}); its records are checked by concat's rules");

        long firstRecord = 0;
        for (var i = 0; i < unit.Shards.Count; i++)
        {
            var shard = unit.Shards[i];
            var entry = manifest.Shards[i];
            if (entry.FirstRecord != firstRecord)
                Add(display, null, $"lists {entry.File} as starting at record {entry.FirstRecord} of the split, but the shards before it hold {firstRecord} records");
            firstRecord += entry.Records;
            if (!File.Exists(shard.Path))
                continue;
            if (shard.Bytes != entry.Bytes)
                Add(shard.Display, null, $"is {shard.Bytes} bytes, the manifest says {entry.Bytes}");
            if (shard.Sha256 is { } sha && !string.Equals(sha, entry.Sha256, StringComparison.OrdinalIgnoreCase))
                Add(shard.Display, null, $"SHA-256 is {sha}, the manifest says {entry.Sha256}: the file is not the one the job wrote");
            if (shard.Header is null && shard.HeaderOnly is { } intact)
            {
                foreach (var mismatch in HeaderAgainstConfig(intact, config))
                    Add(shard.Display, null, mismatch);
            }

            if (shard.Header is not { } header)
                continue;
            if (shard.Records.Length != entry.Records)
                Add(shard.Display, null, $"holds {shard.Records.Length} records, the manifest says {entry.Records}");
            if (shard.IndexTokens != entry.Tokens)
                Add(shard.Display, null, $"holds {shard.IndexTokens} tokens, the manifest says {entry.Tokens}");
            if (header.ShardIndex != i)
                Add(shard.Display, null, $"header shard_index is {header.ShardIndex}, but the manifest lists it as shard {i}");
            foreach (var mismatch in HeaderAgainstConfig(header, config))
                Add(shard.Display, null, mismatch);
            if (unit.Tiling.InStreamOrder)
                CheckNextPosition(unit, shard, entry, i == unit.Shards.Count - 1);
        }

        CheckTail(unit, SequenceLayoutNames.TryParseTail(config.Tail, out var tailPolicy) ? tailPolicy : null);
        CheckTotals(unit, manifest, display);
    }

    private static IEnumerable<string> HeaderAgainstConfig(ShardHeader header, OutputConfig config)
    {
        if (header.SeqLen != config.SeqLen)
            yield return $"header seq_len is {header.SeqLen}, the manifest config says {config.SeqLen}";
        if (header.Layout.ToWireName() != config.Layout)
            yield return $"header layout is {header.Layout.ToWireName()}, the manifest config says {config.Layout}";
        if (header.VocabSize != config.VocabSize)
            yield return $"header vocab_size is {header.VocabSize}, the manifest config says {config.VocabSize}";
        if (header.EodId != config.EodId)
            yield return $"header eod_id is {Id(header.EodId)}, the manifest config says {Id(config.EodId)}";
        if (header.PadId != config.PadId)
            yield return $"header pad_id is {Id(header.PadId)}, the manifest config says {Id(config.PadId)}";
        if (header.BosId != config.BosId)
            yield return $"header bos_id is {Id(header.BosId)}, the manifest config says {Id(config.BosId)}";
        if (header.Tokenizer.Name != config.Tokenizer.Name)
            yield return $"header tokenizer name is \"{header.Tokenizer.Name}\", the manifest config says \"{config.Tokenizer.Name}\"";
        if (!string.Equals(header.Tokenizer.Sha256, config.Tokenizer.Sha256, StringComparison.OrdinalIgnoreCase))
            yield return $"header tokenizer sha256 is {header.Tokenizer.Sha256}, the manifest config says {config.Tokenizer.Sha256}";
    }

    private static string Id(uint? id) => id?.ToString() ?? "null";

    /// <summary>Without a manifest: the shards of one folder must at least agree with each other.</summary>
    private void CheckHeadersAgree(Unit unit)
    {
        var first = unit.Shards.FirstOrDefault(s => s.Header is not null);
        if (first is null)
            return;
        var reference = first.Header! with { ShardIndex = 0 };
        foreach (var shard in unit.Shards.Where(s => s.Header is not null && s != first))
        {
            if (shard.Header! with { ShardIndex = 0 } != reference)
                Add(shard.Display, null, $"header differs from {Path.GetFileName(first.Path)}'s (seq_len, layout, vocab, ids or tokenizer): the shards are not of one job");
        }

        if (unit.WholeSplit || unit.Shards.Count > 1)
        {
            for (var i = 0; i < unit.Shards.Count; i++)
            {
                if (unit.Shards[i].Header is { } header && header.ShardIndex != i)
                    Add(unit.Shards[i].Display, null, $"header shard_index is {header.ShardIndex}, but it is shard {i} of its folder");
            }
        }

        CheckTail(unit, tail: null);
    }

    /// <summary>Only the split's last record may be padded or short, and only as the tail policy says.</summary>
    private void CheckTail(Unit unit, TailPolicy? tail)
    {
        for (var i = 0; i < unit.Shards.Count; i++)
        {
            var shard = unit.Shards[i];
            if (shard.Header is not { } header || shard.Records.Length == 0)
                continue;
            var lastIndex = shard.Records.Length - 1;
            ref var last = ref shard.Records[lastIndex];
            if (!last.Read)
                continue;
            var isSplitEnd = i == unit.Shards.Count - 1;
            var isShort = last.TokenCount < header.SeqLen;
            if (!isSplitEnd && (unit.WholeSplit || unit.Shards.Count > 1))
            {
                if (last.IsPadded && unit.Tiling.PaddingOnlyInTail)
                    Add(shard.Display, lastIndex, "is a padded tail, but it is not the split's last record (later shards follow)");
                if (isShort)
                    Add(shard.Display, lastIndex, $"is short ({last.TokenCount} of {header.SeqLen} tokens), but it is not the split's last record (later shards follow)");
            }
            else if (tail is not null)
            {
                if (last.IsPadded && tail != TailPolicy.Pad)
                    Add(shard.Display, lastIndex, $"is a padded tail, but the manifest's tail policy is {tail.Value.ToWireName()}");
                if (isShort && tail != TailPolicy.Keep)
                    Add(shard.Display, lastIndex, $"is short ({last.TokenCount} of {header.SeqLen} tokens), but the manifest's tail policy is {tail.Value.ToWireName()}");
            }
        }
    }

    private void CheckNextPosition(Unit unit, Shard shard, ShardEntry entry, bool isLast)
    {
        if (shard.Records.Length == 0 || !shard.Records[^1].Read || unit.Catalog is not { } catalog)
            return;
        var last = shard.Records[^1].Last;
        if (!catalog.TryFind(last.Doc, out var position))
            return;
        var end = (long)last.Offset + last.Length;
        var expected = end < catalog[position].Tokens ? (Doc: (long)last.Doc, Offset: end) : (Doc: (long)last.Doc + 1, Offset: 0L);
        var actual = (Doc: entry.NextDoc, Offset: entry.NextOffset);
        if (actual == expected)
            return;
        if (isLast && catalog.Count > 0 && actual == (catalog[^1].Doc + 1, 0L))
            return;
        Add(shard.Display, null, $"manifest says the next record begins at doc {entry.NextDoc} offset {entry.NextOffset}, but this shard's last record ends at doc {last.Doc} token {end} (so next: doc {expected.Doc} offset {expected.Offset}); a resume would go wrong");
    }

    private void CheckTotals(Unit unit, SplitManifest manifest, string display)
    {
        var allRead = !unit.Shards.Any(s => s.Header is null || s.Records.Any(r => !r.Read));
        var read = allRead
            ? new TotalsCheck.ReadSums(
                unit.Shards.Sum(s => (long)s.Records.Length),
                unit.Shards.Sum(s => s.Records.Sum(r => (long)r.UnpaddedCount)),
                unit.Shards.Sum(s => s.Records.Sum(r => (long)(r.TokenCount - r.UnpaddedCount))),
                unit.Shards.Sum(s => s.Records.Sum(r => (long)r.SegmentCount)))
            : null;
        TotalsCheck.Check(display, manifest, unit.Catalog, read, Add);
    }

    /// <summary>Walks the records in order and checks they tile the documents: no gap, no overlap, nothing missing but a dropped tail.</summary>
    private void Tile(Unit unit)
    {
        var catalog = unit.Catalog;
        Segment? previous = null;
        var known = unit.WholeSplit; // whether "previous" is the true predecessor of the next record
        var anyRecord = false;
        foreach (var shard in unit.Shards)
        {
            if (shard.Header is null)
            {
                known = false;
                previous = null;
                continue;
            }

            for (var r = 0; r < shard.Records.Length; r++)
            {
                ref var summary = ref shard.Records[r];
                if (!summary.Read || summary.SegmentCount == 0)
                {
                    known = false;
                    previous = null;
                    continue;
                }

                anyRecord = true;
                var first = summary.First;
                if (known)
                    CheckJoint(shard, r, previous, first, catalog);
                previous = summary.Last;
                known = true;
            }
        }

        // The end of the split: only a finished job's records reach it.
        if (!unit.WholeSplit || catalog is null || unit.Manifest is not { Complete: true })
            return;
        if (!anyRecord && unit.Shards.Count > 0)
            return;

        // The end: everything after the last segment is either nothing or the dropped tail.
        long missing;
        string where;
        if (previous is { } last && known)
        {
            if (!catalog.TryFind(last.Doc, out var position))
                return;
            var end = (long)last.Offset + last.Length;
            missing = Math.Max(0, catalog[position].Tokens - end) + catalog.TokensIn(position + 1, catalog.Count);
            where = $"the last record ends at doc {last.Doc} token {end}";
        }
        else if (unit.Shards.Count == 0)
        {
            missing = catalog.TotalTokens;
            where = "there are no records";
        }
        else
        {
            return;
        }

        var drop = SequenceLayoutNames.TryParseTail(unit.Manifest.Config.Tail, out var tail) && tail == TailPolicy.Drop;
        var dropped = drop ? unit.Manifest.Totals?.DroppedTokens ?? 0 : 0;
        var display = unit.Shards.Count > 0 ? unit.Shards[^1].Display : Display(unit.ManifestPath!);
        long? record = unit.Shards.Count > 0 && unit.Shards[^1].Records.Length > 0 ? unit.Shards[^1].Records.Length - 1 : null;
        if (missing != dropped)
        {
            Add(display, record, drop
                ? $"{where}; {missing} tokens of the documents follow, but the manifest says {dropped} were dropped"
                : $"{where}, but {missing} tokens of the documents after it are in no record");
        }
        else if (dropped >= unit.Manifest.Config.SeqLen)
        {
            Add(display, record, $"the dropped tail is {dropped} tokens, a whole record or more (seq_len {unit.Manifest.Config.SeqLen})");
        }
    }

    private void CheckJoint(Shard shard, int record, Segment? previous, Segment first, DocumentCatalog? catalog)
    {
        var display = shard.Display;
        if (previous is not { } prev)
        {
            // The split's first record: it starts at the first document with tokens, at offset 0.
            if (first.Offset != 0)
                Add(display, record, $"the split's first record starts doc {first.Doc} at offset {first.Offset}: its first {first.Offset} tokens are in no record");
            if (catalog is not null && catalog.TryFind(first.Doc, out var position) && catalog.NonEmptyIn(0, position) is var before and > 0)
                Add(display, record, $"the split's first record starts with doc {first.Doc}, but {before} document(s) with tokens come before it and are in no record");
            return;
        }

        var prevEnd = (long)prev.Offset + prev.Length;
        if (first.Doc == prev.Doc)
        {
            if (first.Offset != prevEnd)
            {
                var how = first.Offset > prevEnd ? $"a gap of {first.Offset - prevEnd} tokens" : $"an overlap of {prevEnd - first.Offset} tokens";
                Add(display, record, $"segment 1 continues doc {first.Doc} at offset {first.Offset}, but the previous record stopped it at token {prevEnd}: {how}");
            }

            return;
        }

        if (first.Doc < prev.Doc)
        {
            Add(display, record, $"starts with doc {first.Doc}, but the previous record ended in doc {prev.Doc}: documents out of order");
            return;
        }

        if (first.Offset != 0)
            Add(display, record, $"segment 1 starts doc {first.Doc} at offset {first.Offset}, but the previous record ended in doc {prev.Doc}: {first.Offset} tokens of doc {first.Doc} are in no record");
        if (catalog is null || !catalog.TryFind(prev.Doc, out var prevPosition) || !catalog.TryFind(first.Doc, out var firstPosition))
            return;
        var prevStream = catalog[prevPosition].Tokens;
        if (prevEnd < prevStream)
            Add(display, record, $"starts doc {first.Doc}, but the previous record stopped doc {prev.Doc} at token {prevEnd} of {prevStream}: the rest is in no record");
        if (catalog.NonEmptyIn(prevPosition + 1, firstPosition) is var missing and > 0)
            Add(display, record, $"starts doc {first.Doc} right after doc {prev.Doc}, but {missing} document(s) with tokens between them are in no record");
    }

    private void Add(string file, long? record, string message) => _problems.Add(new VerificationProblem(file, record, message));

    private static string Display(string path) => path;

    private sealed class Unit
    {
        public required string Folder { get; init; }

        public string? ManifestPath { get; init; }

        public SplitManifest? Manifest { get; init; }

        public required List<string> Files { get; init; }

        public string? CatalogPath { get; init; }

        public DocumentCatalog? Catalog { get; set; }

        /// <summary>True when the unit is a whole split (or part) listed by a manifest: start, end and totals can be checked.</summary>
        public required bool WholeSplit { get; init; }

        public List<Shard> Shards { get; } = [];

        /// <summary>The tiling rules of the strategy the manifest names (concat without a manifest, as every job before the strategy seam).</summary>
        public ITilingRules Tiling => PackingStrategies.TryGet(Manifest?.Config.Pack, out var strategy) ? strategy.Tiling : PackingStrategies.Default.Tiling;
    }

    private sealed class Shard
    {
        public required Unit Unit { get; init; }

        public required int Position { get; init; }

        public required string Path { get; init; }

        public required string Display { get; init; }

        public ShardEntry? ManifestEntry => Unit.Manifest is { } m && Position < m.Shards.Count ? m.Shards[Position] : null;

        /// <summary>The header of a shard that opened (its records can be read).</summary>
        public ShardHeader? Header { get; set; }

        /// <summary>The header of a shard that could not be opened, when the header itself parses.</summary>
        public ShardHeader? HeaderOnly { get; set; }

        public RecordSummary[] Records { get; set; } = [];

        /// <summary>Every segment read, with its record, for strategies whose records are not in stream order (filled only for those).</summary>
        public System.Collections.Concurrent.ConcurrentBag<(int Record, Segment Segment)> Pieces { get; } = [];

        public long IndexTokens { get; set; }

        public long PayloadBytes { get; set; }

        public long Bytes { get; set; }

        public string? Sha256 { get; set; }
    }
}
