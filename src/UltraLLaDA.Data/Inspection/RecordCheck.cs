using UltraLLaDA.Data.Formats.Ulds;
using UltraLLaDA.Data.Packing;

namespace UltraLLaDA.Data.Inspection;

/// <summary>
/// The record checker of verify, on worker threads: one record's segments against the strategy's
/// tiling rules and the documents table (BOS first, EOD last in layout <c>eod</c>, no piece past its
/// document's stream, no document skipped inside an in-order record), and its padding. It keeps the
/// record's summary (and, for strategies not in stream order, its pieces) for the checks after the scan.
/// </summary>
internal static class RecordCheck
{
    public static void Check(VerifiedShard shard, ShardRecord record, VerificationProblems problems)
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
            problems.Add(shard.Display, index, "holds no segment: a record carries at least one document's tokens");
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
            problem => problems.Add(shard.Display, index, problem));
        var previousPosition = -1;
        for (var k = 0; k < segments.Length; k++)
        {
            var s = segments[k];
            var name = SegmentNames.Describe(k, s);
            if (header.BosId is uint bos && s.Offset == 0 && tokens[cu[k]] != bos)
                problems.Add(shard.Display, index, $"{name} starts its document but its first token is {tokens[cu[k]]}, not the BOS id {bos}");
            var lastToken = tokens[cu[k + 1] - 1];

            if (catalog is null)
            {
                if (header.Layout == SequenceLayout.Eod && header.EodId is uint eod && k < segments.Length - 1 && lastToken != eod)
                    problems.Add(shard.Display, index, $"{name} is followed by another document, so it ends its own, but its last token is {lastToken}, not the EOD id {eod}");
                continue;
            }

            if (!catalog.TryFind(s.Doc, out var position))
            {
                problems.Add(shard.Display, index, $"{name}: document {s.Doc} is not in {Path.GetFileName(catalog.Path)}");
                previousPosition = -1;
                continue;
            }

            var stream = catalog[position].Tokens;
            var end = (long)s.Offset + s.Length;
            if (end > stream)
                problems.Add(shard.Display, index, $"{name} runs to token {end}, past the end of the document's {stream}-token stream (documents table)");
            var complete = end == stream;
            if (rules.InStreamOrder && k > 0 && previousPosition >= 0 && catalog.NonEmptyIn(previousPosition + 1, position) is var missing and > 0)
                problems.Add(shard.Display, index, $"between doc {segments[k - 1].Doc} and doc {s.Doc} (segments {k} and {k + 1}), {missing} document(s) with tokens have no segment");
            if (header.Layout == SequenceLayout.Eod && header.EodId is uint eodId && complete && lastToken != eodId)
                problems.Add(shard.Display, index, $"{name} ends its document but its last token is {lastToken}, not the EOD id {eodId}");
            previousPosition = position;
        }

        if (record.IsPadded)
            CheckPadding(shard, record, tokens, problems);
    }

    private static void CheckPadding(VerifiedShard shard, ShardRecord record, ReadOnlySpan<uint> tokens, VerificationProblems problems)
    {
        var index = record.Index;
        var padding = tokens[record.UnpaddedCount..];
        if (shard.Header!.PadId is not uint pad)
            problems.Add(shard.Display, index, "is a padded tail, but the header has no pad_id");
        else if (padding.IndexOfAnyExcept(pad) is var stray and >= 0)
            problems.Add(shard.Display, index, $"padding token {record.UnpaddedCount + stray} is {padding[stray]}, not the pad id {pad}");
    }
}
