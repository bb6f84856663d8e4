using UltraLLaDA.Data.Output;

namespace UltraLLaDA.Data.Inspection;

/// <summary>The merge checker of verify: a merged manifest (and its documents table) must be exactly its parts joined.</summary>
internal static class MergeCheck
{
    /// <summary>One part of the merge as verify read it.</summary>
    public sealed record Part(string ManifestPath, SplitManifest Manifest, DocumentCatalog? Catalog);

    /// <summary>A merged manifest must be exactly its parts joined.</summary>
    public static void Check(string path, SplitManifest merged, IReadOnlyList<Part> parts, Action<string, long?, string> add)
    {
        var display = path;
        if (!merged.Complete)
            add(display, null, "says the merge has not finished (complete: false)");
        var expected = new List<ShardEntry>();
        long firstRecord = 0;
        foreach (var part in parts)
        {
            foreach (var shard in part.Manifest.Shards)
            {
                expected.Add(shard with { FirstRecord = firstRecord });
                firstRecord += shard.Records;
            }

            if (part.Manifest.Config with { Partition = null } != merged.Config)
                add(display, null, $"config differs from part {Path.GetFileName(part.ManifestPath)}'s");
        }

        if (merged.Parts!.Count != parts.Count)
            add(display, null, $"joins {merged.Parts.Count} parts, the folder holds {parts.Count} part manifests");
        if (merged.Shards.Count != expected.Count)
            add(display, null, $"lists {merged.Shards.Count} shards, its parts list {expected.Count}");
        for (var i = 0; i < Math.Min(merged.Shards.Count, expected.Count); i++)
        {
            if (!SameEntry(merged.Shards[i], expected[i]))
                add(display, null, $"shard entry {i} ({merged.Shards[i].File}) differs from its part manifest's ({expected[i].File}, {expected[i].Records} records, {expected[i].Tokens} tokens, {expected[i].Bytes} bytes, first record {expected[i].FirstRecord})");
        }

        var partTotals = parts.Select(p => p.Manifest.Totals).ToList();
        if (merged.Totals is { } t && partTotals.All(p => p is not null))
        {
            Compare(add, display, "documents", t.Documents, partTotals.Sum(p => p!.Documents));
            Compare(add, display, "empty documents", t.EmptyDocuments, partTotals.Sum(p => p!.EmptyDocuments));
            Compare(add, display, "null documents", t.NullDocuments, partTotals.Sum(p => p!.NullDocuments));
            Compare(add, display, "tokens", t.Tokens, partTotals.Sum(p => p!.Tokens));
            Compare(add, display, "records", t.Records, partTotals.Sum(p => p!.Records));
            Compare(add, display, "padding tokens", t.PaddingTokens, partTotals.Sum(p => p!.PaddingTokens));
            Compare(add, display, "dropped tokens", t.DroppedTokens, partTotals.Sum(p => p!.DroppedTokens));
            Compare(add, display, "cut documents", t.CutDocuments, partTotals.Sum(p => p!.CutDocuments));
            if (t.PiecesBeyondFewest is { } pieces && partTotals.All(p => p!.PiecesBeyondFewest is not null))
                Compare(add, display, "pieces beyond the fewest", pieces, partTotals.Sum(p => p!.PiecesBeyondFewest!.Value));
        }

        if (merged.Documents is not { } documents)
            return;
        var documentsPath = Path.Combine(Path.GetDirectoryName(path) ?? ".", documents);
        if (!File.Exists(documentsPath))
        {
            add(documentsPath, null, "is missing (the merged documents table)");
            return;
        }

        var table = DocumentCatalog.Read(documentsPath);
        foreach (var problem in table.Problems)
            add(documentsPath, null, problem);
        var joined = parts.Where(p => p.Catalog is not null).SelectMany(p => p.Catalog!.Entries).OrderBy(e => e.Doc).ToList();
        if (joined.Count != table.Count)
        {
            add(documentsPath, null, $"lists {table.Count} documents, its parts' tables {joined.Count}");
            return;
        }

        for (var i = 0; i < joined.Count; i++)
        {
            if (joined[i] != table[i])
            {
                add(documentsPath, null, $"entry {i} (doc {table[i].Doc}) differs from its part's entry for doc {joined[i].Doc}");
                return;
            }
        }
    }

    /// <summary>Entry equality with the companion files (a Megatron pair's .idx) compared by content, not by list reference.</summary>
    private static bool SameEntry(ShardEntry a, ShardEntry b) =>
        a with { Companions = null } == b with { Companions = null } && a.AllFiles.SequenceEqual(b.AllFiles);

    private static void Compare(Action<string, long?, string> add, string display, string what, long merged, long parts)
    {
        if (merged != parts)
            add(display, null, $"totals say {merged} {what}, its parts add up to {parts}");
    }
}
