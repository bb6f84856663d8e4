namespace UltraLLaDA.Data.Tests.Packing;

/// <summary>The record layout every packing strategy must keep, asserted on one record.</summary>
public static class RecordShape
{
    /// <summary>
    /// Segment ids are contiguous runs 1..s, one per segment and of its length, from position 0; whatever follows
    /// is padding: segment id 0, the pad token, and the record flagged as padded exactly when there is any.
    /// </summary>
    public static void AssertRunsThenPadding(RecordCopy record)
    {
        var position = 0;
        for (var k = 0; k < record.Segments.Length; k++)
        {
            var length = (int)record.Segments[k].Length;
            Assert.True(length > 0);
            Assert.All(record.SegmentIds.AsSpan(position, length).ToArray(), id => Assert.Equal((uint)(k + 1), id));
            position += length;
        }

        var padding = record.SegmentIds.AsSpan(position).ToArray();
        Assert.All(padding, id => Assert.Equal(0u, id));
        Assert.Equal(padding.Length > 0, record.IsPadded);
        Assert.All(record.Tokens.AsSpan(position).ToArray(), t => Assert.Equal(PackingCase.Pad, t));
    }
}
