using UltraLLaDA.Data.Packing;

namespace UltraLLaDA.Data.Tests.Packing;

/// <summary>A packed record copied out of the packer's reusable buffers.</summary>
public sealed record RecordCopy(long Index, uint[] Tokens, uint[] SegmentIds, Segment[] Segments, bool IsPadded, PackPosition Next)
{
    public static RecordCopy Of(PackedRecord record) =>
        new(record.Index, record.Tokens.ToArray(), record.SegmentIds.ToArray(), record.Segments.ToArray(), record.IsPadded, record.Next);
}
