using UltraLLaDA.Data.Packing;

namespace UltraLLaDA.Data.Formats.Ulds;

/// <summary>
/// One record read from a shard and checked. The spans view a buffer the record owns; pass the record
/// back to <see cref="ShardReader.ReadRecord(int, ShardRecord?)"/> to reuse that buffer for the next one.
/// </summary>
public sealed class ShardRecord
{
    private byte[] _payload = [];
    private int[] _cuSeqlens = [];

    /// <summary>Record number within its shard.</summary>
    public int Index { get; private set; }

    public int TokenCount { get; private set; }

    public int SegmentCount { get; private set; }

    /// <summary>True for a padded tail (segment id 0 marks the padding).</summary>
    public bool IsPadded { get; private set; }

    public ReadOnlySpan<uint> Tokens => RecordPayload.Tokens(_payload, TokenCount);

    /// <summary>Per-token segment ids: 1..s in contiguous runs, 0 for padding.</summary>
    public ReadOnlySpan<uint> SegmentIds => RecordPayload.SegmentIds(_payload, TokenCount);

    /// <summary>Provenance of each segment: document ordinal, offset in its token stream, length.</summary>
    public ReadOnlySpan<Segment> Segments => RecordPayload.Segments(_payload, TokenCount, SegmentCount);

    /// <summary>
    /// Segment boundaries as flash-attention's cu_seqlens: s+1 cumulative lengths starting at 0.
    /// Padding lies after the last boundary.
    /// </summary>
    public ReadOnlySpan<int> CuSeqlens => _cuSeqlens.AsSpan(0, SegmentCount + 1);

    /// <summary>Tokens that belong to segments (the record's length less its padding).</summary>
    public int UnpaddedCount => _cuSeqlens[SegmentCount];

    internal Span<byte> Prepare(int index, int tokens, int segments, bool padded)
    {
        Index = index;
        TokenCount = tokens;
        SegmentCount = segments;
        IsPadded = padded;
        var size = (int)ShardFormat.PayloadSize(tokens, segments);
        if (_payload.Length < size)
            _payload = new byte[size];
        if (_cuSeqlens.Length < segments + 1)
            _cuSeqlens = new int[segments + 1];
        return _payload.AsSpan(0, size);
    }

    internal void ComputeBoundaries()
    {
        var segments = Segments;
        var sum = 0;
        _cuSeqlens[0] = 0;
        for (var k = 0; k < segments.Length; k++)
        {
            sum += (int)segments[k].Length;
            _cuSeqlens[k + 1] = sum;
        }
    }
}
