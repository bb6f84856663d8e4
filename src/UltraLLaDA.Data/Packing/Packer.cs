namespace UltraLLaDA.Data.Packing;

/// <summary>
/// Packs documents' token streams, in order, into records of exactly <see cref="PackingOptions.SeqLen"/>
/// tokens (UltraLLaDA §3.3): short documents are concatenated; a document that does not fit is cut
/// and its remainder continues at the start of the next record, as often as needed.
/// </summary>
/// <remarks>
/// Push documents with <see cref="Add"/>, then drain finished records with <see cref="TryTake"/>;
/// call <see cref="Complete"/> after the last document and drain once more. The packer is
/// single-threaded; <see cref="Recycle"/> may be called from any thread to hand a record's buffers back.
/// </remarks>
public sealed class Packer : IPacker
{
    private readonly PackingOptions _options;
    private readonly Queue<PackedRecord> _done = new();
    private readonly RecordPool _pool;
    private readonly PackPosition _start;
    private PackedRecord? _current;
    private long _nextIndex;
    private readonly DocumentOrder _order;

    /// <param name="options">Validated packing options.</param>
    /// <param name="start">
    /// Where packing resumes: stream tokens before this position are skipped, and the first record
    /// gets <paramref name="firstRecordIndex"/>. <see cref="PackPosition.Start"/> for a fresh job.
    /// </param>
    /// <param name="firstRecordIndex">Index of the first record this packer emits.</param>
    public Packer(PackingOptions options, PackPosition start = default, long firstRecordIndex = 0)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _pool = new RecordPool(options.SeqLen);
        _start = start;
        _order = new DocumentOrder(start);
        _nextIndex = firstRecordIndex;
    }

    public PackingOptions Options => _options;

    public PackingStats Stats { get; } = new();

    /// <summary>
    /// Adds the next document. <paramref name="tokens"/> are its text tokens; the packer adds the BOS
    /// prefix and, in layout <c>eod</c>, the EOD suffix. Ordinals must increase; gaps are allowed
    /// (documents another partition or a resumed job does not see).
    /// </summary>
    public void Add(long ordinal, ReadOnlySpan<uint> tokens)
    {
        if (_order.Take(ordinal, tokens.Length, _options, Stats) is not { } streamLength || streamLength == 0)
            return;

        long offset = ordinal == _start.Doc ? _start.Offset : 0;
        if (offset > streamLength)
            throw new ArgumentException($"resume offset {offset} lies past the end of document {ordinal} ({streamLength} tokens).", nameof(tokens));
        if (offset == streamLength)
            return;

        Stats.Documents++;
        var cut = false;
        var fewest = DocumentStream.FewestPieces(streamLength - offset, _options.SeqLen);
        long pieces = 0;
        while (offset < streamLength)
        {
            var record = _current ??= _pool.Rent();
            var take = (int)Math.Min(record.Capacity - record.Count, streamLength - offset);
            DocumentStream.Copy(_options, tokens, offset, take, record.TokenBuffer.AsSpan(record.Count, take));
            record.AddSegment(new Segment((ulong)ordinal, (uint)offset, (uint)take));
            record.SegmentIdBuffer.AsSpan(record.Count, take).Fill((uint)record.SegmentCount);
            record.Count += take;
            offset += take;
            Stats.Tokens += take;
            Stats.Segments++;
            pieces++;

            if (record.Count == record.Capacity)
            {
                cut |= offset < streamLength;
                Finish(record, offset < streamLength ? new PackPosition(ordinal, offset) : new PackPosition(ordinal + 1, 0));
            }
        }

        if (cut)
            Stats.CutDocuments++;

        // The part this run packs starts at a record boundary when it resumes mid-document, so its fewest is that of the rest.
        Stats.ExtraPieces += pieces - fewest;
    }

    /// <summary>Ends the split: the partial tail record is padded, dropped or kept as the options say.</summary>
    public void Complete()
    {
        if (!_order.Complete())
            return;
        var record = _current;
        if (record is null || record.Count == 0)
            return;

        var next = new PackPosition(_order.LastOrdinal + 1, 0);
        switch (_options.Tail)
        {
            case TailPolicy.Drop:
                Stats.DroppedTokens += record.Count;
                _current = null;
                Recycle(record);
                break;
            case TailPolicy.Pad:
                Stats.PaddingTokens += record.PadToCapacity(_options.PadId!.Value);
                Finish(record, next);
                break;
            case TailPolicy.Keep:
                Finish(record, next);
                break;
        }
    }

    /// <summary>Takes the next finished record, in order. The caller owns it until it calls <see cref="Recycle"/>.</summary>
    public bool TryTake(out PackedRecord record) => _done.TryDequeue(out record!);

    /// <summary>Hands a record's buffers back for reuse. Thread-safe.</summary>
    public void Recycle(PackedRecord record) => _pool.Return(record);

    private void Finish(PackedRecord record, PackPosition next)
    {
        record.Index = _nextIndex++;
        record.Next = next;
        _done.Enqueue(record);
        _current = null;
        Stats.Records++;
    }
}
