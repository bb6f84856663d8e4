namespace UltraLLaDA.Data.Packing.BestFit;

/// <summary>
/// Best-fit packing (Ding et al. 2024, "Fewer Truncations Improve Language Modeling"): a document is
/// cut only where its length forces it, into floor(L / seq_len) full records plus a remainder, and the
/// remainders and short documents of a bounded window are placed best-fit-decreasing into records
/// that are padded when nothing more fits. Every document thus takes exactly ceil(L / seq_len) pieces.
/// </summary>
/// <remarks>
/// <para>Order of records: a full chunk is a record of its own, emitted as soon as its document is
/// added (chunks in document order); a window's placed records follow when the window closes, in the
/// order they were opened, each record's segments in placement order (see <see cref="BestFitDecreasing"/>).
/// A window closes when a document arrives while it is full (<see cref="BestFitWindow"/>), or at
/// <see cref="Complete"/>; closing only then means the split's last window is always closed by
/// <see cref="Complete"/>, so the tail policy sees the split's real last record.</para>
/// <para>Padding: a placed record that is not full is padded to seq_len with the pad id (segment id 0,
/// <see cref="PackedRecord.IsPadded"/>); padding is always trailing in its record but any record of the
/// split may hold some, so a pad id is needed whatever the tail policy. The tail policy applies to the
/// split's very last record only, when it is not full: pad (like the others), keep (written short) or
/// drop (not written; its tokens counted in <see cref="PackingStats.DroppedTokens"/>, its pieces lost).</para>
/// <para>Resume point (<see cref="PackedRecord.Next"/>): within a window, (ordinal of the window's first
/// document, records of that window emitted so far, this one included); after a window's last placed
/// record, (the window's last ordinal + 1, 0). A packer built with such a point replays that window
/// from its first document and skips the records already emitted, so it emits exactly what an
/// uninterrupted run emits after that record. A window whose last record is a full chunk resumes by
/// replaying it with nothing left to emit (a chunk cannot know it is its window's last).</para>
/// <para>Memory: the open window's buffer (at most <see cref="BestFitWindow.MaxTokens"/> + seq_len tokens),
/// plus, for a closed window whose records are not all taken yet, its buffer: placed records are built
/// only in <see cref="TryTake"/>, so a window's tokens are never held twice. Records are recycled.</para>
/// <para>Counts: <see cref="PackingStats.Documents"/>, <see cref="PackingStats.CutDocuments"/> and
/// <see cref="PackingStats.ExtraPieces"/> count a document when the record holding its last piece is
/// emitted or dropped by this run; <see cref="PackingStats.Tokens"/> and <see cref="PackingStats.Segments"/>
/// include a dropped tail, as in <see cref="Packer"/>; empty documents are counted as they arrive, so a
/// resumed run counts again those of the window it replays (the pack job takes its totals from the
/// documents table and the shards, not from these counts).</para>
/// </remarks>
public sealed class BestFitPacker : IPacker
{
    private readonly PackingOptions _options;
    private readonly BestFitWindow _window;
    private readonly RecordPool _pool;
    private readonly PackPosition _start;
    private readonly Queue<PendingRecord> _output = new();
    private readonly Stack<WindowBuffer> _spareBuffers = new();
    private WindowBuffer _open = new();
    private long _windowFirst = -1;
    private long _windowLast;
    private int _windowDocuments;
    private long _windowRecords;
    private long _skip;
    private long _nextIndex;
    private readonly DocumentOrder _order;

    /// <param name="options">Packing options; best-fit needs a pad id whatever the tail policy.</param>
    /// <param name="window">When a window closes.</param>
    /// <param name="resume">
    /// The <see cref="PackedRecord.Next"/> of the last record kept, or <see cref="PackPosition.Start"/>
    /// (the default) for a fresh job. Documents before its <see cref="PackPosition.Doc"/> are ignored.
    /// </param>
    /// <param name="firstRecordIndex">Index of the first record this packer emits.</param>
    public BestFitPacker(PackingOptions options, BestFitWindow window, PackPosition resume = default, long firstRecordIndex = 0)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(window);
        options.Validate();
        window.Validate();
        if (options.PadId is null)
            throw new ArgumentException("best-fit packing pads the records it cannot fill, so it needs a pad id whatever the tail policy.");
        if (resume.Doc < 0 || resume.Offset < 0)
            throw new ArgumentException($"resume point {resume} is negative.", nameof(resume));
        _options = options;
        _window = window;
        _pool = new RecordPool(options.SeqLen);
        _start = resume;
        _order = new DocumentOrder(resume);
        _skip = resume.Offset;
        _nextIndex = firstRecordIndex;
    }

    public PackingOptions Options => _options;

    public BestFitWindow Window => _window;

    public PackingStats Stats { get; } = new();

    public void Add(long ordinal, ReadOnlySpan<uint> tokens)
    {
        // An empty document (0, counted by Take) still takes its place in the window.
        if (_order.Take(ordinal, tokens.Length, _options, Stats) is not { } streamLength)
            return;

        if (_windowFirst >= 0 && (_windowDocuments >= _window.MaxDocuments || _open.Count >= _window.MaxTokens))
            CloseWindow(isLast: false);
        if (_windowFirst < 0)
        {
            _windowFirst = ordinal;
            _windowDocuments = 0;
            _windowRecords = 0;
        }

        _windowDocuments++;
        _windowLast = ordinal;
        if (streamLength == 0)
            return;

        var seqLen = _options.SeqLen;
        var chunks = streamLength / seqLen;
        var remainder = (int)(streamLength % seqLen);
        for (long c = 0; c < chunks; c++)
            EmitChunk(ordinal, tokens, c * seqLen, streamLength, settles: c == chunks - 1 && remainder == 0);

        if (remainder > 0)
            _open.Add(_options, ordinal, tokens, streamLength - remainder, remainder, streamLength, _window);
    }

    public void Complete()
    {
        if (!_order.Complete())
            return;
        if (_windowFirst >= 0)
            CloseWindow(isLast: true);
        else if (_skip > 0)
            throw new InvalidOperationException($"resume point {_start} names a record of a window, but no document from {_start.Doc} on was given.");
    }

    public bool TryTake(out PackedRecord record)
    {
        if (!_output.TryDequeue(out var pending))
        {
            record = null!;
            return false;
        }

        record = pending.Built ?? Build(pending);
        return true;
    }

    public void Recycle(PackedRecord record) => _pool.Return(record);

    private void EmitChunk(long ordinal, ReadOnlySpan<uint> tokens, long offset, long streamLength, bool settles)
    {
        _windowRecords++;
        if (_skip > 0)
        {
            _skip--;
            return;
        }

        var seqLen = _options.SeqLen;
        var record = _pool.Rent();
        DocumentStream.Copy(_options, tokens, offset, seqLen, record.TokenBuffer);
        record.AddSegment(new Segment((ulong)ordinal, (uint)offset, (uint)seqLen));
        record.SegmentIdBuffer.AsSpan().Fill(1);
        record.Count = seqLen;
        Stats.Tokens += seqLen;
        Stats.Segments++;
        if (settles)
            Settle(streamLength);
        record.Index = _nextIndex++;
        record.Next = new PackPosition(_windowFirst, _windowRecords);
        Stats.Records++;
        _output.Enqueue(new PendingRecord(record, null, 0, record.Index, record.Next, Pad: false));
    }

    /// <summary>
    /// Places the window's pieces and queues its records (the tail policy on the split's last one when
    /// <paramref name="isLast"/>); everything about them is decided and counted here, only the copying
    /// waits for <see cref="TryTake"/>. The window's buffer goes with them and a fresh one opens.
    /// </summary>
    private void CloseWindow(bool isLast)
    {
        var seqLen = _options.SeqLen;
        var pieces = _open.Pieces;
        var planned = BestFitDecreasing.Place(pieces, seqLen);
        var emitted = planned.Count;
        var tail = planned.Count > 0 ? planned[^1] : null;
        if (isLast && tail is not null && tail.Used < seqLen && _options.Tail == TailPolicy.Drop)
        {
            emitted--;
            Stats.DroppedTokens += tail.Used;
            Count(tail);
        }

        var closed = new ClosedWindow(_open, planned, 0);
        for (var r = 0; r < emitted; r++)
        {
            _windowRecords++;
            if (_skip > 0)
            {
                _skip--;
                continue;
            }

            var next = r == emitted - 1 ? new PackPosition(_windowLast + 1, 0) : new PackPosition(_windowFirst, _windowRecords);
            var pad = !(isLast && r == planned.Count - 1 && _options.Tail == TailPolicy.Keep);
            Count(planned[r]);
            if (pad)
                Stats.PaddingTokens += seqLen - planned[r].Used;
            Stats.Records++;
            closed.RecordsToBuild++;
            _output.Enqueue(new PendingRecord(null, closed, r, _nextIndex++, next, pad));
        }

        if (_skip > 0)
            throw new InvalidOperationException($"resume point {_start} lies past the records of the window that starts at document {_windowFirst} ({_windowRecords} records): the documents differ from the run that wrote it.");

        if (closed.RecordsToBuild == 0)
            Release(_open);
        _open = _spareBuffers.TryPop(out var spare) ? spare : new WindowBuffer();
        _windowFirst = -1;
    }

    /// <summary>Counts a placed record's tokens, segments and the documents it ends (all of them: buffered pieces are last pieces).</summary>
    private void Count(PlannedRecord planned)
    {
        Stats.Tokens += planned.Used;
        Stats.Segments += planned.Pieces.Count;
        foreach (var piece in planned.Pieces)
            Settle(_open.Pieces[piece].StreamLength);
    }

    private PackedRecord Build(in PendingRecord pending)
    {
        var window = pending.Window!;
        var record = _pool.Rent();
        foreach (var index in window.Plan[pending.Slot].Pieces)
        {
            var piece = window.Buffer.Pieces[index];
            window.Buffer.TokensOf(piece).CopyTo(record.TokenBuffer.AsSpan(record.Count));
            record.AddSegment(new Segment((ulong)piece.Doc, (uint)piece.Offset, (uint)piece.Length));
            record.SegmentIdBuffer.AsSpan(record.Count, piece.Length).Fill((uint)record.SegmentCount);
            record.Count += piece.Length;
        }

        if (record.Count < record.Capacity && pending.Pad)
            record.PadToCapacity(_options.PadId!.Value);
        record.Index = pending.Index;
        record.Next = pending.Next;
        if (--window.RecordsToBuild == 0)
            Release(window.Buffer);
        return record;
    }

    private void Release(WindowBuffer buffer)
    {
        buffer.Clear();
        _spareBuffers.Push(buffer);
    }

    /// <summary>Counts a document whose last piece this run emits (or drops): best-fit cuts it into exactly the fewest pieces.</summary>
    private void Settle(long streamLength)
    {
        var seqLen = _options.SeqLen;
        var pieces = (streamLength / seqLen) + (streamLength % seqLen == 0 ? 0 : 1);
        Stats.Documents++;
        if (pieces > 1)
            Stats.CutDocuments++;
        Stats.ExtraPieces += pieces - DocumentStream.FewestPieces(streamLength, seqLen);
    }
}
