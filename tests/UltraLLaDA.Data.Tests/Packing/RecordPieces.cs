namespace UltraLLaDA.Data.Tests.Packing;

/// <summary>What packed records show about documents, counted from the records alone (any strategy).</summary>
public static class RecordPieces
{
    /// <summary>Number of segments (pieces) each document has across the records.</summary>
    public static Dictionary<long, int> PerDocument(IEnumerable<RecordCopy> records)
    {
        var pieces = new Dictionary<long, int>();
        foreach (var record in records)
        {
            foreach (var segment in record.Segments)
                pieces[(long)segment.Doc] = pieces.GetValueOrDefault((long)segment.Doc) + 1;
        }

        return pieces;
    }

    /// <summary>Pieces beyond the fewest each document needs (ceil(stream / seq_len)), summed over the documents the records hold.</summary>
    public static long Extra(PackingCase c, IEnumerable<RecordCopy> records) =>
        PerDocument(records).Sum(p => p.Value - Fewest(c.Stream((int)p.Key).Length, c.Options.SeqLen));

    public static long Fewest(long streamLength, int seqLen) => (streamLength + seqLen - 1) / seqLen;

    /// <summary>Tokens of the records that are padding (segment id 0).</summary>
    public static long Padding(IEnumerable<RecordCopy> records) => records.Sum(r => (long)r.SegmentIds.Count(id => id == 0));
}
