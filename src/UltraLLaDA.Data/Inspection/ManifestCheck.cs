using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Output;

namespace UltraLLaDA.Data.Inspection;

/// <summary>
/// The manifest checker of verify: the manifest itself (format, completeness, config names), each
/// listed shard against its entry (first record, size, SHA-256, counts, header), the tail, the next
/// positions of in-order strategies, and the totals (<see cref="TotalsCheck"/>).
/// </summary>
internal static class ManifestCheck
{
    public static void Check(VerificationUnit unit, SplitManifest manifest, string display, VerificationProblems problems)
    {
        var config = manifest.Config;
        CheckItself(manifest, display, problems.Add);

        long firstRecord = 0;
        for (var i = 0; i < unit.Shards.Count; i++)
        {
            var shard = unit.Shards[i];
            var entry = manifest.Shards[i];
            if (entry.FirstRecord != firstRecord)
                problems.Add(display, null, $"lists {entry.File} as starting at record {entry.FirstRecord} of the split, but the shards before it hold {firstRecord} records");
            firstRecord += entry.Records;
            if (!File.Exists(shard.Path))
                continue;
            if (shard.Bytes != entry.Bytes)
                problems.Add(shard.Display, null, $"is {shard.Bytes} bytes, the manifest says {entry.Bytes}");
            if (shard.Sha256 is { } sha && !string.Equals(sha, entry.Sha256, StringComparison.OrdinalIgnoreCase))
                problems.Add(shard.Display, null, $"SHA-256 is {sha}, the manifest says {entry.Sha256}: the file is not the one the job wrote");
            if (shard.Header is null && shard.HeaderOnly is { } intact)
            {
                foreach (var mismatch in HeaderCheck.AgainstConfig(intact, config))
                    problems.Add(shard.Display, null, mismatch);
            }

            if (shard.Header is not { } header)
                continue;
            if (shard.Records.Length != entry.Records)
                problems.Add(shard.Display, null, $"holds {shard.Records.Length} records, the manifest says {entry.Records}");
            if (shard.IndexTokens != entry.Tokens)
                problems.Add(shard.Display, null, $"holds {shard.IndexTokens} tokens, the manifest says {entry.Tokens}");
            if (header.ShardIndex != i)
                problems.Add(shard.Display, null, $"header shard_index is {header.ShardIndex}, but the manifest lists it as shard {i}");
            foreach (var mismatch in HeaderCheck.AgainstConfig(header, config))
                problems.Add(shard.Display, null, mismatch);
            if (unit.Tiling.InStreamOrder)
                StreamTiling.CheckNextPosition(unit, shard, entry, i == unit.Shards.Count - 1, problems);
        }

        TailCheck.Check(unit, SequenceLayoutNames.TryParseTail(config.Tail, out var tailPolicy) ? tailPolicy : null, problems);
        CheckTotals(unit, manifest, display, problems);
    }

    /// <summary>
    /// What the manifest says of itself: its format, whether the job finished, and the names in its config.
    /// Format-neutral: the Megatron verifier runs it on its manifests too.
    /// </summary>
    internal static void CheckItself(SplitManifest manifest, string display, Action<string, long?, string> add)
    {
        var config = manifest.Config;
        if (manifest.Format != "ulds-manifest" || manifest.Version != 1)
            add(display, null, $"is format \"{manifest.Format}\" version {manifest.Version}; this tool knows \"ulds-manifest\" version 1");
        if (!manifest.Complete)
            add(display, null, "says the job has not finished (complete: false): the split is partial; resume the job");
        if (manifest.Complete && manifest.Totals is null)
            add(display, null, "says complete but has no totals");
        if (!SequenceLayoutNames.TryParseLayout(config.Layout, out _))
            add(display, null, $"config layout \"{config.Layout}\" is not adaptive, eod or direct");
        if (!SequenceLayoutNames.TryParseTail(config.Tail, out _))
            add(display, null, $"config tail \"{config.Tail}\" is not pad, drop or keep");
        if (!PackingStrategies.TryGet(config.Pack, out _))
            add(display, null, $"config pack \"{config.Pack}\" is not a known packing strategy ({string.Join(", ", PackingStrategies.Names)}); its records are checked by concat's rules");
    }

    /// <summary>The totals against what was read; when some record could not be read only what the manifest says is compared.</summary>
    private static void CheckTotals(VerificationUnit unit, SplitManifest manifest, string display, VerificationProblems problems)
    {
        var read = unit.Shards.All(s => s.FullyRead)
            ? new TotalsCheck.ReadSums(
                unit.Shards.Sum(s => (long)s.Records.Length),
                unit.Shards.Sum(s => s.Records.Sum(r => (long)r.UnpaddedCount)),
                unit.Shards.Sum(s => s.Records.Sum(r => (long)(r.TokenCount - r.UnpaddedCount))),
                unit.Shards.Sum(s => s.Records.Sum(r => (long)r.SegmentCount)))
            : null;
        TotalsCheck.Check(display, manifest, unit.Catalog, read, problems.Add);
    }
}
