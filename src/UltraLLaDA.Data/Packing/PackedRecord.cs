namespace UltraLLaDA.Data.Packing;

/// <summary>
/// One packed sequence as the packer builds it: tokens, the per-token segment ids and the segment
/// provenance table. Its arrays are sized for a full record and reused when the record is recycled,
/// so a long job allocates a handful of records, not one per sequence.
/// </summary>
public sealed class PackedRecord
{
    private Segment[] _segments = new Segment[8];

    public PackedRecord(int seqLen)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(seqLen);
        TokenBuffer = new uint[seqLen];
        SegmentIdBuffer = new uint[seqLen];
    }

    /// <summary>Record number in its split (0-based).</summary>
    public long Index { get; internal set; }

    /// <summary>Tokens in the record, padding included.</summary>
    public int Count { get; internal set; }

    /// <summary>Number of segments (padding is not a segment).</summary>
    public int SegmentCount { get; private set; }

    /// <summary>
    /// True when the record holds padding (flag bit 0 in the shard index). Padding is always trailing in
    /// a record: concat pads only the split's tail record, best-fit may pad any record of the split.
    /// </summary>
    public bool IsPadded { get; internal set; }

    /// <summary>Where the next record of the split begins.</summary>
    public PackPosition Next { get; internal set; }

    /// <summary>Pad tokens in the record: those no segment covers.</summary>
    public int PaddingCount
    {
        get
        {
            long covered = 0;
            foreach (var segment in Segments)
                covered += segment.Length;
            return Count - (int)covered;
        }
    }

    public ReadOnlySpan<uint> Tokens => TokenBuffer.AsSpan(0, Count);

    public ReadOnlySpan<uint> SegmentIds => SegmentIdBuffer.AsSpan(0, Count);

    public ReadOnlySpan<Segment> Segments => _segments.AsSpan(0, SegmentCount);

    internal uint[] TokenBuffer { get; }

    internal uint[] SegmentIdBuffer { get; }

    internal int Capacity => TokenBuffer.Length;

    internal void Reset()
    {
        Count = 0;
        SegmentCount = 0;
        IsPadded = false;
        Index = 0;
        Next = default;
    }

    /// <summary>Fills the rest of the record with <paramref name="padId"/> (segment id 0) and flags it; returns the pad tokens added.</summary>
    internal int PadToCapacity(uint padId)
    {
        var pad = Capacity - Count;
        TokenBuffer.AsSpan(Count, pad).Fill(padId);
        SegmentIdBuffer.AsSpan(Count, pad).Clear();
        Count = Capacity;
        IsPadded = true;
        return pad;
    }

    internal void AddSegment(Segment segment)
    {
        if (SegmentCount == _segments.Length)
            Array.Resize(ref _segments, _segments.Length * 2);
        _segments[SegmentCount++] = segment;
    }
}
