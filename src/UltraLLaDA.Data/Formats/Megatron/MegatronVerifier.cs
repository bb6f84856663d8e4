using System.Diagnostics;
using System.Security.Cryptography;
using UltraLLaDA.Data.Inspection;
using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Pipeline;
using UltraLLaDA.Data.Output;

namespace UltraLLaDA.Data.Formats.Megatron;

/// <summary>
/// <c>verify</c> for Megatron output. The format-neutral checks are verify's shared checkers: each
/// manifest's own fields (<see cref="ManifestCheck.CheckItself"/>), its totals against its entries, the
/// pairs read and the documents table (<see cref="TotalsCheck"/>), and a merged manifest against its parts
/// (<see cref="MergeCheck"/>). What is left here are the pair checks: every listed pair is there with both
/// files' listed size and SHA-256; its index is valid (<see cref="MegatronIndexReader"/>) and its .bin the
/// size the index says; it holds the listed sequence and token counts, one sequence per document, in the
/// dtype Megatron's rule gives for the vocabulary; every token id is below vocab_size; in layout eod every
/// sequence ends with the EOD id, with a BOS each starts with it. The pairs, in manifest order, hold the
/// documents table's non-empty documents in order, one sequence each, of exactly the stream length the
/// table gives, and each pair's resume point is the document after its last; megatron-data-path.txt holds
/// the blend of the listed pairs.
/// </summary>
public sealed class MegatronVerifier
{
    private readonly VerificationProblems _problems = new();
    private readonly VerifyOptions _options;
    private int _manifests;
    private int _pairs;
    private long _sequences;
    private long _tokens;
    private long _bytes;
    private long _dataBytes;

    private MegatronVerifier(VerifyOptions options) => _options = options;

    /// <summary>True when <paramref name="manifest"/> describes Megatron output.</summary>
    public static bool Describes(SplitManifest manifest) =>
        manifest is not null && manifest.Config.Format == MegatronShardFormat.Instance.Name;

    /// <summary>True when <paramref name="path"/> names one file of a Megatron pair.</summary>
    public static bool IsPairFile(string path) =>
        path.EndsWith(MegatronIndexLayout.DataExtension, StringComparison.Ordinal) || path.EndsWith(MegatronIndexLayout.IndexExtension, StringComparison.Ordinal);

    /// <summary>Verifies Megatron targets as <see cref="InspectionTargets.ResolveMegatron"/> gives them: one lone pair, or splits by their manifests.</summary>
    public static VerificationReport Verify(IReadOnlyList<InspectionTarget> targets, VerifyOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targets);
        if (targets is [{ IsSingleShard: true } pair])
            return VerifyPair(pair.Shards[0], options, cancellationToken);
        return VerifySplits(targets.Select(t => t.ManifestPath ?? throw new ArgumentException($"{t.Name}: a Megatron split is verified through its manifest", nameof(targets))).ToList(), options, cancellationToken);
    }

    /// <summary>Verifies the split whose manifest is <paramref name="manifestPath"/> (merged, part or whole).</summary>
    public static VerificationReport VerifySplit(string manifestPath, VerifyOptions? options = null, CancellationToken cancellationToken = default) =>
        VerifySplits([manifestPath], options, cancellationToken);

    /// <summary>Verifies each split whose manifest is listed.</summary>
    public static VerificationReport VerifySplits(IReadOnlyList<string> manifestPaths, VerifyOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifestPaths);
        var verifier = new MegatronVerifier(options ?? new VerifyOptions());
        var clock = Stopwatch.StartNew();
        foreach (var path in manifestPaths)
            verifier.CheckManifestFile(path, cancellationToken);
        return verifier.Report(clock);
    }

    /// <summary>Verifies one pair given by its .bin or .idx file: the index, the .bin's size and every token.</summary>
    public static VerificationReport VerifyPair(string path, VerifyOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var verifier = new MegatronVerifier(options ?? new VerifyOptions());
        var clock = Stopwatch.StartNew();
        var prefix = Path.Combine(Path.GetDirectoryName(path) ?? ".", MegatronShardFormat.PrefixOf(Path.GetFileName(path)));
        verifier.CheckPair(prefix, expected: null, documents: [], context: null, cancellationToken);
        return verifier.Report(clock);
    }

    private VerificationReport Report(Stopwatch clock)
    {
        return new VerificationReport(_problems.Sorted(), _manifests, _pairs, _sequences, _tokens, _bytes, _dataBytes, clock.Elapsed, _options.Threads, VerifiedOutput.MegatronPairs);
    }

    private void CheckManifestFile(string manifestPath, CancellationToken cancellationToken)
    {
        if (ReadManifest(manifestPath, "cannot read the manifest") is not { } manifest)
            return;
        ManifestCheck.CheckItself(manifest, manifestPath, Add);
        var folder = Path.GetDirectoryName(manifestPath) is { Length: > 0 } d ? d : ".";
        if (manifest.Parts is { } parts)
        {
            CheckMerged(folder, manifestPath, manifest, parts, cancellationToken);
            return;
        }

        CheckListedPairs(folder, manifestPath, manifest, cancellationToken);
        if (manifest.Config.Partition is null && manifest.Complete)
            CheckDataPath(folder, manifest);
    }

    /// <summary>Reads a manifest and counts it; null, with the problem recorded as "<paramref name="problem"/>: why", when it cannot be read.</summary>
    private SplitManifest? ReadManifest(string path, string problem)
    {
        try
        {
            var manifest = ManifestFile.Read(path);
            Interlocked.Increment(ref _manifests);
            return manifest;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            Add(path, null, $"{problem}: {e.Message}");
            return null;
        }
    }

    /// <summary>Checks a merged manifest: each part in full, then the merge against its parts (<see cref="MergeCheck"/>) and its blend.</summary>
    private void CheckMerged(string folder, string manifestPath, SplitManifest merged, IReadOnlyList<string> parts, CancellationToken cancellationToken)
    {
        var read = new List<MergeCheck.Part>();
        foreach (var part in parts)
        {
            var partPath = Path.Combine(folder, part);
            if (ReadManifest(partPath, $"cannot read the part manifest {manifestPath} joins") is not { } manifest)
                continue;
            ManifestCheck.CheckItself(manifest, partPath, Add);
            var table = CheckListedPairs(folder, partPath, manifest, cancellationToken);
            read.Add(new MergeCheck.Part(partPath, manifest, table));
        }

        MergeCheck.Check(manifestPath, merged, read, Add);
        CheckDataPath(folder, merged);
    }

    /// <summary>Checks every pair a (whole or part) manifest lists against it and its documents table; returns the table.</summary>
    private DocumentCatalog? CheckListedPairs(string folder, string manifestPath, SplitManifest manifest, CancellationToken cancellationToken)
    {
        if (!Describes(manifest))
            Add(manifestPath, null, $"describes {manifest.Config.Format} output, not megatron");
        var catalog = ReadCatalog(folder, manifestPath, manifest);
        var documents = catalog?.Entries.Where(e => e.Skipped is null && e.Tokens > 0).ToArray() ?? [];
        var context = new PairContext(manifest.Config);

        var starts = new long[manifest.Shards.Count + 1];
        for (var i = 0; i < manifest.Shards.Count; i++)
            starts[i + 1] = starts[i] + manifest.Shards[i].Records;
        if (catalog is not null && starts[^1] != documents.Length && (manifest.Complete || starts[^1] > documents.Length))
            Add(catalog.Path, null, $"lists {documents.Length} non-empty documents, but the pairs of {Path.GetFileName(manifestPath)} hold {starts[^1]} sequences (one per document)");

        var counts = new PairCounts?[manifest.Shards.Count];
        Parallel.For(0, manifest.Shards.Count, new ParallelOptions { MaxDegreeOfParallelism = _options.Threads, CancellationToken = cancellationToken }, i =>
        {
            var entry = manifest.Shards[i];
            if (!IsPairFile(entry.File))
            {
                Add(manifestPath, null, $"lists {entry.File}, which is not a Megatron .bin or .idx file");
                return;
            }

            var slice = catalog is null ? null : Slice(documents, starts[i], entry.Records);
            counts[i] = CheckPair(Path.Combine(folder, MegatronShardFormat.PrefixOf(entry.File)), entry, slice ?? [], context, cancellationToken);
            if (slice is { Length: > 0 } && slice.Length == entry.Records && slice[^1].Doc + 1 != entry.NextDoc)
                Add(Path.Combine(folder, entry.File), null, $"the manifest's resume point is document {entry.NextDoc}, but the pair's last document is {slice[^1].Doc}");
        });

        // One sequence per document, never padded: the totals checker sees sequences as records and as segments.
        var sums = counts.All(c => c is not null)
            ? new TotalsCheck.ReadSums(counts.Sum(c => c!.Sequences), counts.Sum(c => c!.Tokens), 0, counts.Sum(c => c!.Sequences))
            : null;
        TotalsCheck.Check(manifestPath, manifest, catalog, sums, Add);
        return catalog;
    }

    private DocumentCatalog? ReadCatalog(string folder, string manifestPath, SplitManifest manifest)
    {
        if (manifest.Documents is not { } name)
        {
            Add(manifestPath, null, "names no documents table");
            return null;
        }

        var path = Path.Combine(folder, name);
        if (!File.Exists(path))
        {
            if (manifest.Complete)
                Add(path, null, $"missing: {Path.GetFileName(manifestPath)} names it as its documents table");
            return null;
        }

        var catalog = DocumentCatalog.Read(path);
        foreach (var problem in catalog.Problems)
            Add(path, null, problem);
        return catalog;
    }

    private static DocumentEntry[] Slice(DocumentEntry[] documents, long start, int count) =>
        start >= documents.Length ? [] : documents.AsSpan((int)start, (int)Math.Min(count, documents.Length - start)).ToArray();

    /// <summary>megatron-data-path.txt must hold the blend of the listed pairs (weights their tokens), whatever folder it was written from.</summary>
    private void CheckDataPath(string folder, SplitManifest manifest)
    {
        var path = Path.Combine(folder, MegatronDataPath.FileName);
        if (!File.Exists(path))
        {
            Add(path, null, "missing: a complete Megatron split carries its --data-path blend");
            return;
        }

        var words = File.ReadAllText(path).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var expected = manifest.Shards.Where(s => IsPairFile(s.File)).SelectMany(s => new[] { s.Tokens.ToString(System.Globalization.CultureInfo.InvariantCulture), MegatronShardFormat.PrefixOf(s.File) }).ToArray();
        var found = words.Select((w, i) => i % 2 == 0 ? w : Path.GetFileName(w)).ToArray();
        if (!found.SequenceEqual(expected))
            Add(path, null, $"does not hold the blend of the {manifest.Shards.Count} listed pairs (weight = tokens, then prefix, for each)");
    }

    /// <summary>Checks one pair: files against the manifest entry, the index, and every sequence against its document; what its index holds, or null when it cannot be read.</summary>
    private PairCounts? CheckPair(string prefix, ShardEntry? expected, DocumentEntry[] documents, PairContext? context, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _pairs);
        var idx = MegatronIndexLayout.IndexPath(prefix);
        var bin = MegatronIndexLayout.DataPath(prefix);
        if (expected is not null)
        {
            var missing = false;
            foreach (var file in expected.AllFiles)
                missing |= !CheckFile(Path.Combine(Path.GetDirectoryName(prefix)!, file.File), file);
            if (missing)
                return null;
        }

        MegatronDataset dataset;
        try
        {
            dataset = MegatronDataset.Open(prefix);
        }
        catch (MegatronFormatException e)
        {
            Add(e.FilePath ?? idx, e.Sequence, e.Problem ?? e.Message);
            return null;
        }

        using (dataset)
        {
            var index = dataset.Index;
            Interlocked.Add(ref _sequences, index.SequenceCount);
            Interlocked.Add(ref _tokens, index.TokenCount);
            Interlocked.Add(ref _dataBytes, index.DataBytes);
            if (expected is not null && index.SequenceCount != expected.Records)
                Add(idx, null, $"holds {index.SequenceCount} sequences; the manifest lists {expected.Records}");
            if (expected is not null && index.TokenCount != expected.Tokens)
                Add(idx, null, $"holds {index.TokenCount} tokens; the manifest lists {expected.Tokens}");
            if (index.DocumentCount != index.SequenceCount || index.DocumentIndices.Where((value, i) => value != i).Any())
                Add(idx, null, $"holds {index.DocumentCount} documents over {index.SequenceCount} sequences; this format writes one sequence per document");
            if (context is not null && index.DType != context.DType)
                Add(idx, null, $"holds {MegatronDTypes.NumpyName(index.DType)} tokens; Megatron's rule gives {MegatronDTypes.NumpyName(context.DType)} for vocab_size {context.Config.VocabSize}");

            var buffer = new uint[1 << 16];
            for (var i = 0; i < index.SequenceCount; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var length = index.SequenceLengths[i];
                if (i < documents.Length && length != documents[i].Tokens)
                    Add(bin, i, $"is {length} tokens; it holds document {documents[i].Doc}{Title(documents[i])}, whose stream is {documents[i].Tokens} tokens");
                // A lone pair (no manifest) has no vocabulary or EOD to check against, but every token is still read.
                CheckTokens(dataset, i, length, context, buffer, bin);
            }

            return new PairCounts(index.SequenceCount, index.TokenCount);
        }
    }

    private void CheckTokens(MegatronDataset dataset, int sequence, int length, PairContext? context, uint[] buffer, string bin)
    {
        var vocab = (uint)(context?.Config.VocabSize ?? 0);
        for (var start = 0; start < length; start += buffer.Length)
        {
            int n;
            try
            {
                n = dataset.ReadRange(sequence, start, buffer);
            }
            catch (MegatronFormatException e)
            {
                Add(bin, sequence, e.Problem ?? e.Message);
                return;
            }

            for (var t = 0; t < n && context is not null; t++)
            {
                if (buffer[t] >= vocab)
                {
                    Add(bin, sequence, $"token {start + t} is id {buffer[t]}, not below vocab_size {vocab}");
                    return;
                }
            }

            if (start == 0 && n > 0 && context?.Bos is uint bos && buffer[0] != bos)
                Add(bin, sequence, $"starts with {buffer[0]}, not the BOS id {bos}");
            if (start + n == length && n > 0 && context?.Eod is uint eod && buffer[n - 1] != eod)
                Add(bin, sequence, $"ends with {buffer[n - 1]}, not the EOD id {eod} layout eod appends to every document");
        }
    }

    private bool CheckFile(string path, ShardFile file)
    {
        if (!File.Exists(path))
        {
            Add(path, null, "missing: the manifest lists it");
            return false;
        }

        using var stream = File.OpenRead(path);
        Interlocked.Add(ref _bytes, stream.Length);
        if (stream.Length != file.Bytes)
            Add(path, null, $"is {stream.Length} bytes; the manifest lists {file.Bytes}");
        var sha = Convert.ToHexStringLower(SHA256.HashData(stream));
        if (sha != file.Sha256)
            Add(path, null, $"sha256 is {sha}; the manifest lists {file.Sha256}");
        return true;
    }

    private static string Title(DocumentEntry entry) => entry.Title is { Length: > 0 } t ? $" ({t})" : string.Empty;

    private void Add(string file, long? sequence, string message) => _problems.Add(file, sequence, message);

    /// <summary>What one pair's index holds, for the totals.</summary>
    private sealed record PairCounts(long Sequences, long Tokens);

    /// <summary>What every pair of one manifest must agree with.</summary>
    private sealed class PairContext(OutputConfig config)
    {
        public OutputConfig Config { get; } = config;

        public MegatronDType DType { get; } = MegatronDTypes.ForVocabulary(config.VocabSize);

        public uint? Eod { get; } = config.Layout == SequenceLayout.Eod.ToWireName() ? config.EodId : null;

        public uint? Bos { get; } = config.BosId;
    }
}
