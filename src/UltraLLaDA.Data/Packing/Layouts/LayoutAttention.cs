namespace UltraLLaDA.Data.Packing.Layouts;

/// <summary>
/// What a <see cref="SequenceLayout"/> means for attention, stated once: the trainer's attention plan and the
/// picture <c>mask</c> draws both come from <see cref="Blocks"/>. A record's positions are cut into blocks that tile
/// it; a position attends to every position of its own block and to nothing else.
/// <list type="bullet">
/// <item><c>adaptive</c>: one block per segment: attention stays within each document piece (cu_seqlens).</item>
/// <item><c>eod</c> and <c>direct</c>: one block over all unpadded tokens: full attention across documents.</item>
/// <item>Padding (from the end of the last segment to the record's length), in any layout: one block that attends
/// to nothing and that nothing attends to.</item>
/// </list>
/// </summary>
public static class LayoutAttention
{
    /// <summary>Whether a token attends to the tokens of other segments of its record (full attention).</summary>
    public static bool CrossesSegments(SequenceLayout layout) => layout switch
    {
        SequenceLayout.Adaptive => false,
        SequenceLayout.Eod or SequenceLayout.Direct => true,
        _ => throw new ArgumentOutOfRangeException(nameof(layout), layout, "not a sequence layout"),
    };

    /// <summary>
    /// The blocks of one record, in order, tiling [0, <paramref name="length"/>): one per non-empty segment, or one
    /// over the unpadded tokens when the layout <see cref="CrossesSegments"/>; then, when the record is shorter than
    /// <paramref name="length"/> or padded, one padding block.
    /// </summary>
    /// <param name="layout">The record's layout.</param>
    /// <param name="cuSeqlens">Segment boundaries: 0, then each segment's end; the last is the unpadded length.</param>
    /// <param name="length">The positions to cover (the record's tokens, or the batch row it is padded to).</param>
    public static AttentionBlock[] Blocks(SequenceLayout layout, ReadOnlySpan<int> cuSeqlens, int length)
    {
        var unpadded = cuSeqlens[^1];
        var blocks = new List<AttentionBlock>(cuSeqlens.Length);
        if (!CrossesSegments(layout))
        {
            for (var k = 0; k + 1 < cuSeqlens.Length; k++)
            {
                if (cuSeqlens[k + 1] > cuSeqlens[k])
                    blocks.Add(new AttentionBlock(cuSeqlens[k], cuSeqlens[k + 1] - cuSeqlens[k]));
            }
        }
        else if (unpadded > 0)
        {
            blocks.Add(new AttentionBlock(0, unpadded));
        }

        if (unpadded < length)
            blocks.Add(new AttentionBlock(unpadded, length - unpadded, IsPadding: true));
        return [.. blocks];
    }
}
