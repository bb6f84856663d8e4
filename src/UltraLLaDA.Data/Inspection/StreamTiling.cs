using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Output;

namespace UltraLLaDA.Data.Inspection;

/// <summary>
/// The tiling check for strategies whose records take the documents' streams in order (concat): every
/// joint between records continues where the previous record stopped, the split starts at the first
/// document and ends at the last (or with exactly the dropped tail), and each shard's next position in
/// the manifest is where its last record stopped.
/// </summary>
internal static class StreamTiling
{
    /// <summary>Walks the records in order and checks they tile the documents: no gap, no overlap, nothing missing but a dropped tail.</summary>
    public static void Check(VerificationUnit unit, VerificationProblems problems)
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
                    CheckJoint(shard, r, previous, first, catalog, problems);
                previous = summary.Last;
                known = true;
            }
        }

        // The end of the split: only a finished job's records reach it.
        if (!unit.WholeSplit || catalog is null || unit.Manifest is not { Complete: true })
            return;
        if (!anyRecord && unit.Shards.Count > 0)
            return;
        CheckEnd(unit, unit.Manifest, catalog, known ? previous : null, problems);
    }

    /// <summary>A shard's next position in the manifest (its resume point) must be where its last record stopped.</summary>
    public static void CheckNextPosition(VerificationUnit unit, VerifiedShard shard, ShardEntry entry, bool isLast, VerificationProblems problems)
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
        problems.Add(shard.Display, null, $"manifest says the next record begins at doc {entry.NextDoc} offset {entry.NextOffset}, but this shard's last record ends at doc {last.Doc} token {end} (so next: doc {expected.Doc} offset {expected.Offset}); a resume would go wrong");
    }

    /// <summary>The end: everything after the last segment (<paramref name="last"/>, null when it is not known) is either nothing or the dropped tail.</summary>
    private static void CheckEnd(VerificationUnit unit, SplitManifest manifest, DocumentCatalog catalog, Segment? last, VerificationProblems problems)
    {
        long missing;
        string where;
        if (last is { } segment)
        {
            if (!catalog.TryFind(segment.Doc, out var position))
                return;
            var end = (long)segment.Offset + segment.Length;
            missing = Math.Max(0, catalog[position].Tokens - end) + catalog.TokensIn(position + 1, catalog.Count);
            where = $"the last record ends at doc {segment.Doc} token {end}";
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

        var drop = SequenceLayoutNames.TryParseTail(manifest.Config.Tail, out var tail) && tail == TailPolicy.Drop;
        var dropped = drop ? manifest.Totals?.DroppedTokens ?? 0 : 0;
        var display = unit.Shards.Count > 0 ? unit.Shards[^1].Display : unit.ManifestPath!;
        long? record = unit.Shards.Count > 0 && unit.Shards[^1].Records.Length > 0 ? unit.Shards[^1].Records.Length - 1 : null;
        if (missing != dropped)
        {
            problems.Add(display, record, drop
                ? $"{where}; {missing} tokens of the documents follow, but the manifest says {dropped} were dropped"
                : $"{where}, but {missing} tokens of the documents after it are in no record");
        }
        else if (dropped >= manifest.Config.SeqLen)
        {
            problems.Add(display, record, $"the dropped tail is {dropped} tokens, a whole record or more (seq_len {manifest.Config.SeqLen})");
        }
    }

    private static void CheckJoint(VerifiedShard shard, int record, Segment? previous, Segment first, DocumentCatalog? catalog, VerificationProblems problems)
    {
        var display = shard.Display;
        if (previous is not { } prev)
        {
            // The split's first record: it starts at the first document with tokens, at offset 0.
            if (first.Offset != 0)
                problems.Add(display, record, $"the split's first record starts doc {first.Doc} at offset {first.Offset}: its first {first.Offset} tokens are in no record");
            if (catalog is not null && catalog.TryFind(first.Doc, out var position) && catalog.NonEmptyIn(0, position) is var before and > 0)
                problems.Add(display, record, $"the split's first record starts with doc {first.Doc}, but {before} document(s) with tokens come before it and are in no record");
            return;
        }

        var prevEnd = (long)prev.Offset + prev.Length;
        if (first.Doc == prev.Doc)
        {
            if (first.Offset != prevEnd)
            {
                var how = first.Offset > prevEnd ? $"a gap of {first.Offset - prevEnd} tokens" : $"an overlap of {prevEnd - first.Offset} tokens";
                problems.Add(display, record, $"segment 1 continues doc {first.Doc} at offset {first.Offset}, but the previous record stopped it at token {prevEnd}: {how}");
            }

            return;
        }

        if (first.Doc < prev.Doc)
        {
            problems.Add(display, record, $"starts with doc {first.Doc}, but the previous record ended in doc {prev.Doc}: documents out of order");
            return;
        }

        if (first.Offset != 0)
            problems.Add(display, record, $"segment 1 starts doc {first.Doc} at offset {first.Offset}, but the previous record ended in doc {prev.Doc}: {first.Offset} tokens of doc {first.Doc} are in no record");
        if (catalog is null || !catalog.TryFind(prev.Doc, out var prevPosition) || !catalog.TryFind(first.Doc, out var firstPosition))
            return;
        var prevStream = catalog[prevPosition].Tokens;
        if (prevEnd < prevStream)
            problems.Add(display, record, $"starts doc {first.Doc}, but the previous record stopped doc {prev.Doc} at token {prevEnd} of {prevStream}: the rest is in no record");
        if (catalog.NonEmptyIn(prevPosition + 1, firstPosition) is var missing and > 0)
            problems.Add(display, record, $"starts doc {first.Doc} right after doc {prev.Doc}, but {missing} document(s) with tokens between them are in no record");
    }
}
