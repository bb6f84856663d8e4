namespace UltraLLaDA.Data.Packing.BestFit;

/// <summary>
/// Best-fit-decreasing placement of one window's pieces into records of seq_len tokens
/// (Ding et al. 2024, "Fewer Truncations Improve Language Modeling").
/// </summary>
/// <remarks>
/// Every choice is fixed so the result depends only on the pieces: pieces go longest first, ties by
/// document ordinal ascending; each goes into the open record with the least room left that still
/// fits it, ties to the record opened first, else it opens a new record. Records come back in the
/// order they were opened. Open records are kept in a list sorted by (room, record number), so a
/// placement is a binary search plus a move within that list: cheap for windows of a few thousand
/// pieces, the sizes <see cref="BestFitWindow"/> is meant for.
/// </remarks>
internal static class BestFitDecreasing
{
    public static List<PlannedRecord> Place(IReadOnlyList<WindowPiece> pieces, int seqLen)
    {
        var order = new int[pieces.Count];
        for (var i = 0; i < order.Length; i++)
            order[i] = i;
        Array.Sort(order, (a, b) =>
        {
            var byLength = pieces[b].Length.CompareTo(pieces[a].Length);
            return byLength != 0 ? byLength : pieces[a].Doc.CompareTo(pieces[b].Doc);
        });

        var records = new List<PlannedRecord>();
        var open = new List<(int Room, int Record)>(); // sorted; records with no room left are removed
        foreach (var piece in order)
        {
            var length = pieces[piece].Length;
            var at = LowerBound(open, length);
            int record;
            int room;
            if (at < open.Count)
            {
                (room, record) = open[at];
                open.RemoveAt(at);
            }
            else
            {
                record = records.Count;
                room = seqLen;
                records.Add(new PlannedRecord());
            }

            records[record].Pieces.Add(piece);
            records[record].Used += length;
            room -= length;
            if (room > 0)
                open.Insert(LowerBound(open, room, record), (room, record));
        }

        return records;
    }

    /// <summary>The first position whose entry is not below (room, record).</summary>
    private static int LowerBound(List<(int Room, int Record)> open, int room, int record = int.MinValue)
    {
        int low = 0, high = open.Count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            var entry = open[middle];
            if (entry.Room < room || (entry.Room == room && entry.Record < record))
                low = middle + 1;
            else
                high = middle;
        }

        return low;
    }
}
