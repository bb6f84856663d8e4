using UltraLLaDA.Data.Packing;

namespace UltraLLaDA.Data.Inspection;

/// <summary>
/// The tiling check for strategies whose records are not in stream order (best-fit): whatever record
/// each piece lies in, every document's pieces, sorted by offset, must cover its stream from 0 to its
/// length exactly once, and a document without tokens has none.
/// </summary>
internal static class PieceTiling
{
    /// <param name="shards">Each shard's display name and its pieces (null when the shard could not be read: then nothing is said about what is missing).</param>
    /// <param name="catalog">The documents table, when there is one.</param>
    /// <param name="wholeSplit">True when the shards are a finished split: then a document with no piece at all is reported.</param>
    /// <param name="add">Where problems go: file, record, message.</param>
    public static void Check(IReadOnlyList<(string Display, IEnumerable<(int Record, Segment Segment)>? Pieces)> shards, DocumentCatalog? catalog, bool wholeSplit, Action<string, long?, string> add)
    {
        var byDocument = new Dictionary<ulong, List<(string Display, int Record, Segment Segment)>>();
        var complete = true;
        foreach (var (display, pieces) in shards)
        {
            if (pieces is null)
            {
                complete = false;
                continue;
            }

            foreach (var (record, segment) in pieces)
            {
                if (!byDocument.TryGetValue(segment.Doc, out var list))
                    byDocument[segment.Doc] = list = [];
                list.Add((display, record, segment));
            }
        }

        foreach (var (doc, pieces) in byDocument)
        {
            pieces.Sort((a, b) => a.Segment.Offset.CompareTo(b.Segment.Offset));
            long end = 0;
            foreach (var (display, record, s) in pieces)
            {
                if (s.Offset > end)
                    add(display, record, $"{Describe(s)} begins at token {s.Offset}, but doc {doc}'s pieces before it end at token {end}: tokens {end}..{s.Offset - 1} are in no record");
                else if (s.Offset < end)
                    add(display, record, $"{Describe(s)} begins at token {s.Offset}, but doc {doc}'s pieces before it already reach token {end}: an overlap of {end - s.Offset} tokens");
                end = Math.Max(end, (long)s.Offset + s.Length);
            }

            if (complete && catalog is not null && catalog.TryFind(doc, out var position) && end < catalog[position].Tokens)
            {
                var last = pieces[^1];
                add(last.Display, last.Record, $"doc {doc}'s pieces end at token {end} of its {catalog[position].Tokens}: the rest is in no record");
            }
        }

        if (!complete || !wholeSplit || catalog is null)
            return;
        var absent = catalog.Entries.Where(e => e.Tokens > 0 && !byDocument.ContainsKey((ulong)e.Doc)).Take(5).ToList();
        if (absent.Count > 0)
            add(Path.GetFileName(catalog.Path), null, $"document(s) {string.Join(", ", absent.Select(e => e.Doc))} have tokens but no piece in any record");
    }

    private static string Describe(Segment s) => $"the piece at doc {s.Doc} offset {s.Offset} (length {s.Length})";
}
