using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using UltraLLaDA.Data.Inspection;
using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Pipeline;

namespace UltraLLaDA.Data.Formats.Megatron;

/// <summary>
/// <c>verify</c> for Megatron output. For each manifest (and each part manifest of a merged split):
/// every listed pair is there with both files' listed size and SHA-256; its index is valid
/// (<see cref="MegatronIndexReader"/>) and its .bin the size the index says; it holds the listed
/// sequence and token counts, one sequence per document, in the dtype Megatron's rule gives for the
/// vocabulary; every token id is below vocab_size; in layout eod every sequence ends with the EOD id,
/// with a BOS each starts with it. The pairs, in manifest order, hold the documents table's non-empty
/// documents in order, one sequence each, of exactly the stream length the table gives, and each pair's
/// resume point is the document after its last. The totals add up, a merged manifest lists exactly its
/// parts' pairs, and megatron-data-path.txt holds the blend of the listed pairs.
/// </summary>
public sealed class MegatronVerifier
{
    private readonly ConcurrentBag<VerificationProblem> _problems = [];
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
        var problems = _problems.ToList();
        problems.Sort();
        return new VerificationReport(problems, _manifests, _pairs, _sequences, _tokens, _bytes, _dataBytes, clock.Elapsed, _options.Threads, VerifiedOutput.MegatronPairs);
    }

    private void CheckManifestFile(string manifestPath, CancellationToken cancellationToken)
    {
        if (ReadManifest(manifestPath, "cannot read the manifest") is not { } manifest)
            return;
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

    /// <summary>Checks a merged manifest: each part in full, then that the merge lists exactly the parts' pairs and totals.</summary>
    private void CheckMerged(string folder, string manifestPath, SplitManifest merged, IReadOnlyList<string> parts, CancellationToken cancellationToken)
    {
        var listed = new List<ShardEntry>();
        long documents = 0;
        foreach (var part in parts)
        {
            var partPath = Path.Combine(folder, part);
            if (ReadManifest(partPath, $"cannot read the part manifest {manifestPath} joins") is not { } manifest)
                continue;
            var table = CheckListedPairs(folder, partPath, manifest, cancellationToken);
            documents += table?.Count ?? 0;
            listed.AddRange(manifest.Shards);
        }

        var mergedFiles = merged.Shards.Select(s => (s.File, s.Sha256, s.Records)).ToList();
        var partFiles = listed.Select(s => (s.File, s.Sha256, s.Records)).ToList();
        if (!mergedFiles.SequenceEqual(partFiles))
            Add(manifestPath, null, $"lists {merged.Shards.Count} pairs that are not its parts' {listed.Count} pairs in part order");
        var catalog = ReadCatalog(folder, manifestPath, merged);
        if (catalog is not null && catalog.Count != documents)
            Add(catalog.Path, null, $"lists {catalog.Count} documents; the parts' tables list {documents}");
        if (catalog is not null)
            CheckTotals(manifestPath, merged, catalog);
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

        Parallel.For(0, manifest.Shards.Count, new ParallelOptions { MaxDegreeOfParallelism = _options.Threads, CancellationToken = cancellationToken }, i =>
        {
            var entry = manifest.Shards[i];
            if (!IsPairFile(entry.File))
            {
                Add(manifestPath, null, $"lists {entry.File}, which is not a Megatron .bin or .idx file");
                return;
            }

            var slice = catalog is null ? null : Slice(documents, starts[i], entry.Records);
            CheckPair(Path.Combine(folder, MegatronShardFormat.PrefixOf(entry.File)), entry, slice ?? [], context, cancellationToken);
            if (slice is { Length: > 0 } && slice.Length == entry.Records && slice[^1].Doc + 1 != entry.NextDoc)
                Add(Path.Combine(folder, entry.File), null, $"the manifest's resume point is document {entry.NextDoc}, but the pair's last document is {slice[^1].Doc}");
        });

        if (catalog is not null && manifest.Complete)
            CheckTotals(manifestPath, manifest, catalog);
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

    private void CheckTotals(string manifestPath, SplitManifest manifest, DocumentCatalog catalog)
    {
        if (manifest.Totals is not { } totals)
        {
            Add(manifestPath, null, "is complete but has no totals");
            return;
        }

        var records = manifest.Shards.Sum(s => (long)s.Records);
        var tokens = manifest.Shards.Sum(s => s.Tokens);
        var empty = catalog.Entries.Count(e => e.Skipped is not null);
        var nulls = catalog.Entries.Count(e => e.Skipped == "null");
        if (totals.Records != records)
            Add(manifestPath, null, $"totals.records is {totals.Records}; its pairs hold {records} sequences");
        if (totals.Tokens != tokens)
            Add(manifestPath, null, $"totals.tokens is {totals.Tokens}; its pairs hold {tokens}");
        if (totals.PaddingTokens != 0)
            Add(manifestPath, null, $"totals.padding_tokens is {totals.PaddingTokens}; Megatron sequences are never padded");
        if (totals.Documents != catalog.Count || totals.EmptyDocuments != empty || totals.NullDocuments != nulls)
            Add(manifestPath, null, $"totals count {totals.Documents} documents ({totals.EmptyDocuments} empty, {totals.NullDocuments} null); {Path.GetFileName(catalog.Path)} lists {catalog.Count} ({empty} empty, {nulls} null)");
    }

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

    /// <summary>Checks one pair: files against the manifest entry, the index, and every sequence against its document.</summary>
    private void CheckPair(string prefix, ShardEntry? expected, DocumentEntry[] documents, PairContext? context, CancellationToken cancellationToken)
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
                return;
        }

        MegatronDataset dataset;
        try
        {
            dataset = MegatronDataset.Open(prefix);
        }
        catch (MegatronFormatException e)
        {
            Add(e.FilePath ?? idx, e.Sequence, e.Problem ?? e.Message);
            return;
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

    private void Add(string file, long? sequence, string message) => _problems.Add(new VerificationProblem(file, sequence, message));

    /// <summary>What every pair of one manifest must agree with.</summary>
    private sealed class PairContext(OutputConfig config)
    {
        public OutputConfig Config { get; } = config;

        public MegatronDType DType { get; } = MegatronDTypes.ForVocabulary(config.VocabSize);

        public uint? Eod { get; } = config.Layout == SequenceLayout.Eod.ToWireName() ? config.EodId : null;

        public uint? Bos { get; } = config.BosId;
    }
}
