namespace UltraLLaDA.Data.Packing.Documents;

/// <summary>
/// Emits each non-empty document's whole stream ([BOS] tokens [EOD]) as one record of its own length,
/// with one segment and no padding. <see cref="PackingOptions.SeqLen"/> and the tail policy play no part.
/// </summary>
public sealed class DocumentPacker : IPacker
{
    private readonly Queue<PackedRecord> _done = new();
    private long _nextIndex;
    private readonly DocumentOrder _order;

    public DocumentPacker(PackingOptions options, PackPosition start = default, long firstRecordIndex = 0)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (start.Offset != 0)
            throw new ArgumentException($"one document per record resumes at a document's start, not at {start}.", nameof(start));
        Options = options;
        _order = new DocumentOrder(start);
        _nextIndex = firstRecordIndex;
    }

    public PackingOptions Options { get; }

    public PackingStats Stats { get; } = new();

    public void Add(long ordinal, ReadOnlySpan<uint> tokens)
    {
        if (_order.Take(ordinal, tokens.Length, Options, Stats) is not { } length || length == 0)
            return;
        if (length > int.MaxValue)
            throw new ArgumentException($"document {ordinal} has {length} tokens, more than one record can hold.", nameof(tokens));
        var record = new PackedRecord((int)length);
        DocumentStream.Copy(Options, tokens, 0, (int)length, record.TokenBuffer);
        record.AddSegment(new Segment((ulong)ordinal, 0, (uint)length));
        record.SegmentIdBuffer.AsSpan().Fill(1);
        record.Count = (int)length;
        record.Index = _nextIndex++;
        record.Next = new PackPosition(ordinal + 1, 0);
        _done.Enqueue(record);
        Stats.Documents++;
        Stats.Tokens += length;
        Stats.Segments++;
        Stats.Records++;
    }

    public void Complete() => _order.Complete();

    public bool TryTake(out PackedRecord record) => _done.TryDequeue(out record!);

    /// <summary>Records are sized to their document, so none is reused.</summary>
    public void Recycle(PackedRecord record) => ArgumentNullException.ThrowIfNull(record);
}
