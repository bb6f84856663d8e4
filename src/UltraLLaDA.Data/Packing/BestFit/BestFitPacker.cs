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
    private readonly Queue<PackedRecord> _done = new();
    private readonly List<WindowPiece> _pieces = [];
    private uint[] _buffer = [];
    private int _buffered;
    private long _windowFirst = -1;
    private long _windowLast;
    private int _windowDocuments;
    private long _windowRecords;
    private long _skip;
    private long _lastOrdinal = -1;
    private long _nextIndex;
    private bool _completed;

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
        _skip = resume.Offset;
        _nextIndex = firstRecordIndex;
    }

    public PackingOptions Options => _options;

    public BestFitWindow Window => _window;

    public PackingStats Stats { get; } = new();

    public void Add(long ordinal, ReadOnlySpan<uint> tokens)
    {
        if (_completed)
            throw new InvalidOperationException("the packer was completed; no more documents can be added.");
        if (ordinal <= _lastOrdinal)
            throw new ArgumentException($"document ordinals must increase: {ordinal} came after {_lastOrdinal}.", nameof(ordinal));
        _lastOrdinal = ordinal;

        if (ordinal < _start.Doc)
            return;

        var streamLength = _options.StreamLength(tokens.Length);
        if (streamLength > uint.MaxValue)
            throw new ArgumentException($"document {ordinal} has {streamLength} tokens; segment offsets are 32-bit.", nameof(tokens));

        if (_windowFirst >= 0 && (_windowDocuments >= _window.MaxDocuments || _buffered >= _window.MaxTokens))
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
        {
            Stats.EmptyDocuments++;
            return;
        }

        var seqLen = _options.SeqLen;
        var chunks = streamLength / seqLen;
        var remainder = (int)(streamLength % seqLen);
        for (long c = 0; c < chunks; c++)
            EmitChunk(ordinal, tokens, c * seqLen, streamLength, settles: c == chunks - 1 && remainder == 0);

        if (remainder > 0)
            Buffer(ordinal, tokens, streamLength - remainder, remainder, streamLength);
    }

    public void Complete()
    {
        if (_completed)
            return;
        _completed = true;
        if (_windowFirst >= 0)
            CloseWindow(isLast: true);
        else if (_skip > 0)
            throw new InvalidOperationException($"resume point {_start} names a record of a window, but no document from {_start.Doc} on was given.");
    }

    public bool TryTake(out PackedRecord record) => _done.TryDequeue(out record!);

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
        Finish(record, new PackPosition(_windowFirst, _windowRecords));
    }

    private void Buffer(long ordinal, ReadOnlySpan<uint> tokens, long offset, int length, long streamLength)
    {
        var needed = (long)_buffered + length;
        if (needed > Array.MaxLength)
            throw new InvalidOperationException($"the best-fit window ({_window}) would buffer {needed} tokens at document {ordinal}, more than one array holds: lower its token bound.");
        if (needed > _buffer.Length)
        {
            // Grow by doubling (from 64K tokens, or seq_len if smaller) so a window costs O(log T) copies.
            var grown = Math.Max(needed, Math.Min(Math.Max(2L * _buffer.Length, Math.Min(_options.SeqLen, 1 << 16)), Array.MaxLength));
            Array.Resize(ref _buffer, (int)grown);
        }

        DocumentStream.Copy(_options, tokens, offset, length, _buffer.AsSpan(_buffered, length));
        _pieces.Add(new WindowPiece(ordinal, offset, length, streamLength, _buffered));
        _buffered += length;
    }

    /// <summary>Places the window's pieces, emits its records (the tail policy on the split's last one when <paramref name="isLast"/>) and empties it.</summary>
    private void CloseWindow(bool isLast)
    {
        var seqLen = _options.SeqLen;
        var planned = BestFitDecreasing.Place(_pieces, seqLen);
        var emitted = planned.Count;
        var tail = planned.Count > 0 ? planned[^1] : null;
        if (isLast && tail is not null && tail.Used < seqLen && _options.Tail == TailPolicy.Drop)
        {
            emitted--;
            Stats.DroppedTokens += tail.Used;
            Stats.Tokens += tail.Used;
            Stats.Segments += tail.Pieces.Count;
            foreach (var piece in tail.Pieces)
                Settle(_pieces[piece].StreamLength);
        }

        for (var r = 0; r < emitted; r++)
        {
            _windowRecords++;
            if (_skip > 0)
            {
                _skip--;
                continue;
            }

            var next = r == emitted - 1 ? new PackPosition(_windowLast + 1, 0) : new PackPosition(_windowFirst, _windowRecords);
            var keepShort = isLast && r == planned.Count - 1 && _options.Tail == TailPolicy.Keep;
            Finish(Build(planned[r], keepShort), next);
        }

        if (_skip > 0)
            throw new InvalidOperationException($"resume point {_start} lies past the records of the window that starts at document {_windowFirst} ({_windowRecords} records): the documents differ from the run that wrote it.");

        _pieces.Clear();
        _buffered = 0;
        _windowFirst = -1;
    }

    private PackedRecord Build(PlannedRecord plan, bool keepShort)
    {
        var record = _pool.Rent();
        foreach (var index in plan.Pieces)
        {
            var piece = _pieces[index];
            _buffer.AsSpan(piece.BufferStart, piece.Length).CopyTo(record.TokenBuffer.AsSpan(record.Count));
            record.AddSegment(new Segment((ulong)piece.Doc, (uint)piece.Offset, (uint)piece.Length));
            record.SegmentIdBuffer.AsSpan(record.Count, piece.Length).Fill((uint)record.SegmentCount);
            record.Count += piece.Length;
            Stats.Tokens += piece.Length;
            Stats.Segments++;
            Settle(piece.StreamLength);
        }

        if (record.Count < record.Capacity && !keepShort)
            Stats.PaddingTokens += record.PadToCapacity(_options.PadId!.Value);
        return record;
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

    private void Finish(PackedRecord record, PackPosition next)
    {
        record.Index = _nextIndex++;
        record.Next = next;
        _done.Enqueue(record);
        Stats.Records++;
    }
}
