using System.Globalization;
using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Formats.Ulds;

namespace UltraLLaDA.Data.Inspection;

/// <summary>
/// Computes the pictures of <c>mask</c>: a record's attention layout as a trainer applies it, and a strip of
/// records. A record of n tokens is drawn on a square of <c>size</c> pixels; each pixel stands for a block of
/// tokens and gets the area-weighted mix of what its block pairs are, so boundaries stay where they are at
/// any scale (a 64K x 64K mask cannot be drawn 1:1).
/// </summary>
public static class MaskModel
{
    /// <summary>Legend lines for segments (a record's picture) before the rest are summed up in one line.</summary>
    public const int MaxLegendSegments = 16;

    /// <summary>Legend lines for documents (a strip) before the rest are summed up in one line.</summary>
    public const int MaxLegendDocuments = 24;

    /// <summary>
    /// The attention picture of <paramref name="record"/>: for layout <c>adaptive</c> the block-diagonal
    /// segment mask (a token attends only within its segment); for <c>eod</c> and <c>direct</c> the full
    /// square (every token attends every token), same-document blocks in the document's colour and, in
    /// <c>eod</c>, the rows and columns of EOD tokens marked in black. Padding is grey.
    /// </summary>
    public static MaskPicture Record(ShardHeader header, ShardRecord record, string name, int size, DocumentCatalog? documents = null)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 16);
        var n = record.TokenCount;
        var pixels = n <= size ? n * Math.Max(1, size / n) : size;
        var spans = Spans(record, out var paddingSpan);
        var cover = Coverage(spans, n, pixels);
        var matrix = new Raster(pixels, pixels);
        var full = header.Layout != SequenceLayout.Adaptive;
        var parts = new List<(uint, double)>(8);
        for (var y = 0; y < pixels; y++)
        {
            var rows = cover[y];
            for (var x = 0; x < pixels; x++)
            {
                var columns = cover[x];
                parts.Clear();
                double same = 0, rowPad = 0, columnPad = 0;
                foreach (var (span, fraction) in rows)
                {
                    if (span == paddingSpan)
                    {
                        rowPad = fraction;
                        continue;
                    }

                    foreach (var (other, otherFraction) in columns)
                    {
                        if (other == span)
                        {
                            parts.Add((spans[span].Color, fraction * otherFraction));
                            same += fraction * otherFraction;
                        }
                    }
                }

                foreach (var (span, fraction) in columns)
                {
                    if (span == paddingSpan)
                        columnPad = fraction;
                }

                var padding = rowPad + columnPad - (rowPad * columnPad);
                var allowed = (1 - rowPad) * (1 - columnPad);
                parts.Add((MaskPalette.Padding, padding));
                if (full)
                    parts.Add((MaskPalette.CrossDocument, Math.Max(0, allowed - same)));
                else
                    parts.Add((MaskPalette.Masked, Math.Max(0, 1 - same - padding)));
                matrix[x, y] = MaskPalette.Mix(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(parts));
            }
        }

        var axis = new Raster(pixels, 1);
        for (var x = 0; x < pixels; x++)
            axis[x, 0] = MaskPalette.Mix(cover[x].Select(c => (spans[c.Span].Color, c.Fraction)).ToArray());

        var eods = 0;
        if (header.Layout == SequenceLayout.Eod && header.EodId is uint eod)
        {
            var tokens = record.Tokens[..record.UnpaddedCount];
            for (var t = 0; t < tokens.Length; t++)
            {
                if (tokens[t] != eod)
                    continue;
                eods++;
                var first = (int)Math.Min(pixels - 1, (long)t * pixels / n);
                var last = Math.Max(first, (int)Math.Min(pixels - 1, (((long)(t + 1) * pixels) - 1) / n));
                for (var p = first; p <= last; p++)
                {
                    for (var i = 0; i < pixels; i++)
                    {
                        matrix[p, i] = MaskPalette.Eod;
                        matrix[i, p] = MaskPalette.Eod;
                    }

                    axis[p, 0] = MaskPalette.Eod;
                }
            }
        }

        var legend = SegmentLegend(record, documents);
        if (record.IsPadded)
            legend.Add(new LegendEntry(MaskPalette.Padding, $"padding: {n - record.UnpaddedCount:N0} tokens (pad id {header.PadId?.ToString(CultureInfo.InvariantCulture) ?? "?"})"));
        if (full)
            legend.Add(new LegendEntry(MaskPalette.CrossDocument, "attention across documents (full attention)"));
        else
            legend.Add(new LegendEntry(MaskPalette.Masked, "masked: no attention between segments"));
        if (header.Layout == SequenceLayout.Eod)
            legend.Add(new LegendEntry(MaskPalette.Eod, $"EOD token (id {header.EodId}): {eods} in this record"));

        var tokensPerPixel = n / (double)pixels;
        var what = header.Layout switch
        {
            SequenceLayout.Adaptive => "block-diagonal document mask: each token attends only within its segment",
            SequenceLayout.Eod => "full attention; EOD tokens close each document",
            _ => "full attention; documents concatenated with no marker",
        };
        return new MaskPicture(
            matrix,
            axis,
            legend,
            $"{name}  record {record.Index}  layout {header.Layout.ToWireName()}",
            $"{n:N0} tokens, {record.SegmentCount} segment{(record.SegmentCount == 1 ? string.Empty : "s")}{(record.IsPadded ? " + padding" : string.Empty)}; {what}; 1 px = {Scale(tokensPerPixel)}",
            tokensPerPixel);
    }

    /// <summary>
    /// A strip of <paramref name="records"/>, one row of <paramref name="width"/> pixels each: the tokens of a
    /// record left to right, coloured by document, segment boundaries dark, padding grey. A short record
    /// leaves the rest of its row white.
    /// </summary>
    public static StripPicture Strip(ShardHeader header, IReadOnlyList<(string Label, ShardRecord Record)> records, string name, int width, DocumentCatalog? documents = null)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 16);
        if (records.Count == 0)
            throw new ArgumentException("no records to draw", nameof(records));
        var seqLen = header.SeqLen;
        var pixels = seqLen <= width ? seqLen * Math.Max(1, width / seqLen) : width;
        var rows = new Raster(pixels, records.Count);
        var docs = new SortedDictionary<ulong, bool>();
        long boundaries = 0;
        for (var y = 0; y < records.Count; y++)
        {
            var record = records[y].Record;
            var spans = Spans(record, out _);
            var cover = Coverage(spans, seqLen, pixels);
            for (var x = 0; x < pixels; x++)
            {
                var parts = cover[x].Select(c => (spans[c.Span].Color, c.Fraction)).ToList();
                var covered = parts.Sum(p => p.Fraction);
                if (covered < 1)
                    parts.Add((MaskPalette.Masked, 1 - covered));
                rows[x, y] = MaskPalette.Mix(parts.ToArray());
            }

            var segments = record.Segments;
            for (var k = 0; k < segments.Length; k++)
            {
                docs[segments[k].Doc] = true;
                if (k == 0)
                    continue;
                boundaries++;
                var x = (int)Math.Min(pixels - 1, (long)record.CuSeqlens[k] * pixels / seqLen);
                rows[x, y] = MaskPalette.Boundary;
            }
        }

        var legend = new List<LegendEntry>();
        foreach (var doc in docs.Keys.Take(MaxLegendDocuments))
            legend.Add(new LegendEntry(MaskPalette.Document(doc), DocumentLabel(doc, documents)));
        if (docs.Count > MaxLegendDocuments)
            legend.Add(new LegendEntry(MaskPalette.Masked, $"... {docs.Count - MaxLegendDocuments} more documents (colours repeat every {MaskPalette.Count})"));
        legend.Add(new LegendEntry(MaskPalette.Boundary, "segment boundary (a document starts)"));
        if (records.Any(r => r.Record.IsPadded))
            legend.Add(new LegendEntry(MaskPalette.Padding, "padding"));

        var tokensPerPixel = seqLen / (double)pixels;
        return new StripPicture(
            rows,
            records.Select(r => r.Label).ToList(),
            legend,
            $"{name}  records {records[0].Label}..{records[^1].Label}  layout {header.Layout.ToWireName()}",
            $"one row per record of {seqLen:N0} tokens, coloured by document; {boundaries} boundaries, {docs.Count} documents; 1 px = {Scale(tokensPerPixel)}",
            tokensPerPixel);
    }

    private static string Scale(double tokensPerPixel) =>
        tokensPerPixel >= 1 ? $"{tokensPerPixel:0.#} tokens" : $"1/{1 / tokensPerPixel:0.#} token";

    private static List<LegendEntry> SegmentLegend(ShardRecord record, DocumentCatalog? documents)
    {
        var legend = new List<LegendEntry>();
        var segments = record.Segments;
        for (var k = 0; k < Math.Min(segments.Length, MaxLegendSegments); k++)
        {
            var s = segments[k];
            var start = record.CuSeqlens[k];
            var flags = s.IsContinuation ? ", continues an earlier record" : string.Empty;
            if (documents is not null && documents.TryFind(s.Doc, out var p))
            {
                if ((long)s.Offset + s.Length < documents[p].Tokens)
                    flags += ", cut: goes on in the next record";
                else if (!s.IsContinuation)
                    flags += ", the whole document";
            }
            legend.Add(new LegendEntry(
                MaskPalette.Document(s.Doc),
                $"seg {k + 1}: tokens {start:N0}..{start + s.Length - 1:N0} = {DocumentLabel(s.Doc, documents)}, offset {s.Offset:N0}, {s.Length:N0} tokens{flags}"));
        }

        if (segments.Length > MaxLegendSegments)
            legend.Add(new LegendEntry(MaskPalette.Masked, $"... {segments.Length - MaxLegendSegments} more segments"));
        return legend;
    }

    private static string DocumentLabel(ulong doc, DocumentCatalog? documents)
    {
        if (documents is null || !documents.TryFind(doc, out var p) || documents[p].Title is not { Length: > 0 } title)
            return $"doc {doc}";
        return $"doc {doc} \"{(title.Length > 48 ? title[..47] + "…" : title)}\"";
    }

    private readonly record struct Span(int Start, int End, uint Color);

    /// <summary>The record's segments (coloured by document) and, last, its padding.</summary>
    private static Span[] Spans(ShardRecord record, out int paddingSpan)
    {
        var spans = new List<Span>(record.SegmentCount + 1);
        for (var k = 0; k < record.SegmentCount; k++)
            spans.Add(new Span(record.CuSeqlens[k], record.CuSeqlens[k + 1], MaskPalette.Document(record.Segments[k].Doc)));
        paddingSpan = -1;
        if (record.UnpaddedCount < record.TokenCount)
        {
            paddingSpan = spans.Count;
            spans.Add(new Span(record.UnpaddedCount, record.TokenCount, MaskPalette.Padding));
        }

        return spans.ToArray();
    }

    /// <summary>For each of <paramref name="pixels"/> pixels over <paramref name="n"/> tokens: the spans its tokens belong to, by fraction.</summary>
    private static List<(int Span, double Fraction)>[] Coverage(Span[] spans, int n, int pixels)
    {
        var cover = new List<(int, double)>[pixels];
        var next = 0;
        for (var p = 0; p < pixels; p++)
        {
            var from = (double)p * n / pixels;
            var to = (double)(p + 1) * n / pixels;
            var list = new List<(int, double)>(2);
            while (next < spans.Length && spans[next].End <= from)
                next++;
            for (var s = next; s < spans.Length && spans[s].Start < to; s++)
            {
                var overlap = Math.Min(to, spans[s].End) - Math.Max(from, spans[s].Start);
                if (overlap > 0)
                    list.Add((s, overlap / (to - from)));
            }

            cover[p] = list;
        }

        return cover;
    }
}
