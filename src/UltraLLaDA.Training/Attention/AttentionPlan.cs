using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Packing.Layouts;
using static TorchSharp.torch;

namespace UltraLLaDA.Training.Attention;

/// <summary>
/// Which positions of each batch row attend to which: every row is cut into spans that cover it exactly, and a
/// position attends to all positions of its own span (bidirectionally) and to nothing else. This is the
/// variable-length form of flash-attention's cu_seqlens: a record costs the sum of its spans' squared lengths.
/// </summary>
public sealed class AttentionPlan
{
    private AttentionPlan(int length, AttentionSpan[][] rows)
    {
        Length = length;
        Rows = rows;
        SameForEveryRow = rows.All(r => r.AsSpan().SequenceEqual(rows[0]));
        IsFull = SameForEveryRow && rows[0].Length == 1 && !rows[0][0].IsPadding;
    }

    public int Length { get; }

    public IReadOnlyList<AttentionSpan[]> Rows { get; }

    /// <summary>Every row is one span over the whole length: plain full attention.</summary>
    public bool IsFull { get; }

    /// <summary>Every row has the same spans, so each span is one call over the whole batch.</summary>
    public bool SameForEveryRow { get; }

    /// <summary>Full attention over every row.</summary>
    public static AttentionPlan Full(int batch, int length) =>
        new(length, Enumerable.Range(0, batch).Select(_ => new[] { new AttentionSpan(0, length) }).ToArray());

    /// <summary>Spans given per row; they must tile [0, length) in order.</summary>
    public static AttentionPlan FromSpans(int length, IEnumerable<AttentionSpan[]> rows)
    {
        var array = rows.ToArray();
        if (array.Length == 0)
            throw new ArgumentException("a plan needs at least one row", nameof(rows));
        foreach (var row in array)
        {
            var at = 0;
            foreach (var span in row)
            {
                if (span.Start != at || span.Length <= 0)
                    throw new ArgumentException($"spans must tile [0, {length}) in order without gaps; found [{span.Start}, {span.End}) after {at}", nameof(rows));
                at = span.End;
            }

            if (at != length)
                throw new ArgumentException($"spans end at {at}, not at the length {length}", nameof(rows));
        }

        return new AttentionPlan(length, array);
    }

    /// <summary>
    /// The spans of one record under a layout, as <see cref="LayoutAttention.Blocks"/> defines them for the trainer
    /// and for <c>mask</c> alike. Adaptive: one span per segment (cu_seqlens). Eod and direct: one span over the
    /// unpadded tokens. Padding, when present, is one more span marked as padding: real tokens never attend to it and
    /// it attends to nothing.
    /// </summary>
    public static AttentionSpan[] SpansFor(SequenceLayout layout, ReadOnlySpan<int> cuSeqlens, int length)
    {
        var blocks = LayoutAttention.Blocks(layout, cuSeqlens, length);
        var spans = new AttentionSpan[blocks.Length];
        for (var k = 0; k < blocks.Length; k++)
            spans[k] = new AttentionSpan(blocks[k].Start, blocks[k].Length, blocks[k].IsPadding);
        return spans;
    }

    /// <summary>
    /// The same plan as a dense [batch, 1, L, L] boolean mask (true: may attend), for checks on small inputs. A padding
    /// span is a block of its own here; its outputs differ from <see cref="SegmentAttention"/>'s zeros and are never read.
    /// </summary>
    public Tensor DenseMask(Device? device = null)
    {
        var mask = new bool[Rows.Count * (long)Length * Length];
        for (var b = 0; b < Rows.Count; b++)
        {
            foreach (var span in Rows[b])
            {
                for (var i = span.Start; i < span.End; i++)
                {
                    var row = ((long)b * Length + i) * Length;
                    for (var j = span.Start; j < span.End; j++)
                        mask[row + j] = true;
                }
            }
        }

        return tensor(mask, [Rows.Count, 1, Length, Length], device: device);
    }

    /// <summary>Multiply-adds of the attention scores relative to full attention (1 = full).</summary>
    public double CostRelativeToFull() =>
        Rows.Sum(r => r.Where(s => !s.IsPadding).Sum(s => (double)s.Length * s.Length)) / (Rows.Count * (double)Length * Length);
}
