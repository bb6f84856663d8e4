using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Pipeline;
using UltraLLaDA.Data.Output;

namespace UltraLLaDA.Data.Inspection;

/// <summary>The totals checker of verify: a finished manifest's totals against its shard entries, the records read and the documents table.</summary>
internal static class TotalsCheck
{
    /// <summary>What the split's records hold, summed as verify read them.</summary>
    public sealed record ReadSums(long Records, long Tokens, long Padding, long Segments);

    /// <param name="display">The manifest as problems name it.</param>
    /// <param name="manifest">The manifest whose totals are checked.</param>
    /// <param name="catalog">Its documents table, when it could be read.</param>
    /// <param name="read">Sums over every record, or null when some record could not be read (then only what the manifest says is compared).</param>
    /// <param name="add">Where problems go: file, record, message.</param>
    public static void Check(string display, SplitManifest manifest, DocumentCatalog? catalog, ReadSums? read, Action<string, long?, string> add)
    {
        if (manifest.Totals is not { } totals)
            return;
        var listedRecords = manifest.Shards.Sum(s => (long)s.Records);
        if (totals.Records != listedRecords)
            add(display, null, $"totals say {totals.Records} records, the shards it lists hold {listedRecords}");
        if (catalog is not null && totals.Tokens + totals.DroppedTokens != catalog.TotalTokens)
            add(display, null, $"totals say {totals.Tokens} tokens written + {totals.DroppedTokens} dropped, but the documents' streams in {Path.GetFileName(catalog.Path)} hold {catalog.TotalTokens}");
        CheckShardCounts(display, manifest, totals, catalog, read, add);
        if (read is null)
            return;
        if (totals.Records != read.Records)
            add(display, null, $"totals say {totals.Records} records, the shards hold {read.Records}");
        if (totals.Tokens != read.Tokens)
            add(display, null, $"totals say {totals.Tokens} tokens, the shards' segments hold {read.Tokens}");
        if (totals.PaddingTokens != read.Padding)
            add(display, null, $"totals say {totals.PaddingTokens} padding tokens, the shards hold {read.Padding}");
        var fill = ManifestTotals.FillOf(read.Tokens, read.Records, manifest.Config.SeqLen);
        if (totals.Fill is { } said && Math.Abs(said - fill) > 1e-6)
            add(display, null, $"totals say fill {totals.Fill}, the shards give {fill}");
        if (catalog is null)
            return;
        if (totals.Documents != catalog.Count + catalog.MalformedLines)
            add(display, null, $"totals say {totals.Documents} documents, {Path.GetFileName(catalog.Path)} lists {catalog.Count}");
        var empty = catalog.Entries.Count(e => e.Tokens == 0);
        if (totals.EmptyDocuments != empty)
            add(display, null, $"totals say {totals.EmptyDocuments} empty documents, {Path.GetFileName(catalog.Path)} has {empty} without tokens");
        var nulls = catalog.Entries.Count(e => e.Skipped == "null");
        if (totals.NullDocuments != nulls)
            add(display, null, $"totals say {totals.NullDocuments} null documents, {Path.GetFileName(catalog.Path)} marks {nulls}");
    }

    /// <summary>
    /// The per-shard counts (padding, segments, cut documents) the totals are summed from. Manifests
    /// written before those counts existed list every shard with 0 segments and are not checked here.
    /// </summary>
    private static void CheckShardCounts(string display, SplitManifest manifest, ManifestTotals totals, DocumentCatalog? catalog, ReadSums? read, Action<string, long?, string> add)
    {
        if (manifest.Shards.Count == 0 || manifest.Shards.Any(s => s.Segments == 0))
            return;
        var padding = manifest.Shards.Sum(s => s.PaddingTokens);
        var segments = manifest.Shards.Sum(s => s.Segments);
        var cut = manifest.Shards.Sum(s => s.CutDocuments);
        if (totals.PaddingTokens != padding)
            add(display, null, $"totals say {totals.PaddingTokens} padding tokens, its shard entries add up to {padding}");
        if (totals.CutDocuments != cut)
            add(display, null, $"totals say {totals.CutDocuments} cut documents, its shard entries add up to {cut}");
        if (read is not null && read.Segments != segments)
            add(display, null, $"its shard entries list {segments} segments, the shards hold {read.Segments}");
        if (read is not null && read.Padding != padding)
            add(display, null, $"its shard entries list {padding} padding tokens, the shards hold {read.Padding}");
        if (catalog is not null && totals.DroppedTokens == 0 && totals.PiecesBeyondFewest is not null)
        {
            // As the job counts them (PackJob.Totals): a strategy that writes one document per record (Megatron's
            // "documents") never cuts one, however long, so each document's fewest is its one piece.
            var whole = manifest.Config.Pack == PackingStrategies.Documents.Name;
            var fewest = catalog.Entries.Where(e => e.Tokens > 0).Sum(e => whole ? 1 : DocumentStream.FewestPieces(e.Tokens, manifest.Config.SeqLen));
            if (totals.PiecesBeyondFewest != segments - fewest)
                add(display, null, $"totals say {totals.PiecesBeyondFewest} pieces beyond the fewest, the shards' {segments} segments for documents needing {fewest} give {segments - fewest}");
        }
    }
}
