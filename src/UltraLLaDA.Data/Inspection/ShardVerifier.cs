using System.Diagnostics;
using UltraLLaDA.Data.Formats.Megatron;
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
/// This class only orders the steps; each check is its own checker: <see cref="VerificationPlanner"/>
/// (what to read), <see cref="CatalogLoad"/> (documents tables), <see cref="ShardOpening"/> and
/// <see cref="RecordCheck"/> (per shard and record, on the worker threads), then per unit
/// <see cref="ManifestCheck"/> (with <see cref="HeaderCheck"/>, <see cref="TailCheck"/> and
/// <see cref="TotalsCheck"/>) and <see cref="TilingCheck"/> (the strategy's tiling rules), and per merged
/// manifest <see cref="MergeCheck"/>.
/// </summary>
public sealed class ShardVerifier
{
    private readonly VerificationProblems _problems = new();
    private readonly VerifyOptions _options;

    private ShardVerifier(VerifyOptions options) => _options = options;

    /// <summary>Verifies <paramref name="path"/>: a .ulds file, a split folder or a folder of split folders.</summary>
    /// <exception cref="InspectionInputException">Nothing to verify at <paramref name="path"/>.</exception>
    public static VerificationReport Verify(string path, VerifyOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (InspectionTargets.ResolveMegatron(path) is { } pairs)
            return MegatronVerifier.Verify(pairs, options, cancellationToken);
        var verifier = new ShardVerifier(options ?? new VerifyOptions());
        return verifier.Run(path, cancellationToken);
    }

    private VerificationReport Run(string path, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var plan = VerificationPlanner.Plan(path, _problems);
        foreach (var unit in plan.Units)
            CatalogLoad.Load(unit, _problems);

        var shards = plan.Units.SelectMany(u => u.Shards).ToList();
        ParallelRecordScan.Run(shards.Count, _options.Threads, new ParallelRecordScan.Callbacks
        {
            Open = i => ShardOpening.Open(shards[i], _problems),
            Record = (i, _, record) => RecordCheck.Check(shards[i], record, _problems),
            RecordError = (i, _, index, e) =>
            {
                shards[i].Records[index].Read = false;
                _problems.Add(shards[i].Display, index, e.Problem ?? e.Message);
            },
            FileTask = i => ShardOpening.Hash(shards[i], _problems),
        }, cancellationToken);

        foreach (var unit in plan.Units)
            CheckUnit(unit);
        foreach (var join in plan.Joins)
            MergeCheck.Check(join.Path, join.Manifest, join.Parts.Select(p => new MergeCheck.Part(p.ManifestPath!, p.Manifest!, p.Catalog)).ToList(), _problems.Add);

        clock.Stop();
        var read = shards.Where(s => s.Header is not null).ToList();
        return new VerificationReport(
            _problems.Sorted(),
            plan.Manifests,
            shards.Count,
            read.Sum(s => (long)s.Records.Length),
            read.Sum(s => s.IndexTokens),
            shards.Sum(s => s.Bytes),
            read.Sum(s => s.PayloadBytes),
            clock.Elapsed,
            _options.Threads);
    }

    /// <summary>After the scan, one unit: its manifest (or, without one, its headers against each other), then its tiling.</summary>
    private void CheckUnit(VerificationUnit unit)
    {
        if (unit.Manifest is { } manifest)
            ManifestCheck.Check(unit, manifest, unit.ManifestPath!, _problems);
        else
            HeaderCheck.Agree(unit, _problems);
        TilingCheck.Check(unit, _problems);
    }
}
