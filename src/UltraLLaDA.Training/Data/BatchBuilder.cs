using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Formats.Ulds;
using UltraLLaDA.Training.Attention;

namespace UltraLLaDA.Training.Data;

/// <summary>Turns records into a <see cref="TrainingBatch"/>: short records (a kept tail) are padded to seq_len with segment 0.</summary>
public sealed class BatchBuilder
{
    private readonly ShardDataset _dataset;
    private readonly SequenceLayout _layout;
    private readonly long _padId;

    public BatchBuilder(ShardDataset dataset, SequenceLayout layout)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        _dataset = dataset;
        _layout = layout;
        _padId = dataset.Header.PadId ?? 0;
    }

    public TrainingBatch Build(IReadOnlyList<long> records, DataPosition position, DataPosition next)
    {
        ArgumentNullException.ThrowIfNull(records);
        var length = _dataset.Requirements.SeqLen;
        var tokens = new long[records.Count * (long)length];
        var padding = new bool[tokens.Length];
        var spans = new AttentionSpan[records.Count][];
        ShardRecord? buffer = null;
        for (var b = 0; b < records.Count; b++)
        {
            var record = buffer = _dataset.Read(records[b], buffer);
            var rowTokens = tokens.AsSpan(b * length, length);
            var rowPadding = padding.AsSpan(b * length, length);
            var source = record.Tokens;
            var segments = record.SegmentIds;
            for (var i = 0; i < length; i++)
            {
                var inside = i < source.Length;
                rowTokens[i] = inside ? source[i] : _padId;
                rowPadding[i] = !inside || segments[i] == 0;
            }

            spans[b] = AttentionPlan.SpansFor(_layout, record.CuSeqlens, length);
        }

        return new TrainingBatch(records.Count, length, tokens, padding, spans, position, next);
    }
}
