namespace UltraLLaDA.Data.Packing.BestFit;

/// <summary>
/// The pieces of one best-fit window and their tokens, in one growable array. A closed window keeps
/// its buffer until its last record is built, then the buffer is reused for a later window.
/// </summary>
internal sealed class WindowBuffer
{
    private uint[] _tokens = [];

    public List<WindowPiece> Pieces { get; } = [];

    /// <summary>Tokens buffered so far.</summary>
    public int Count { get; private set; }

    /// <summary>Appends a piece of a document's stream; <paramref name="describe"/> names the window for an error.</summary>
    public void Add(PackingOptions options, long ordinal, ReadOnlySpan<uint> tokens, long offset, int length, long streamLength, BestFitWindow describe)
    {
        var needed = (long)Count + length;
        if (needed > Array.MaxLength)
            throw new InvalidOperationException($"the best-fit window ({describe}) would buffer {needed} tokens at document {ordinal}, more than one array holds: lower its token bound.");
        if (needed > _tokens.Length)
        {
            // Grow by doubling (from 64K tokens, or seq_len if smaller) so a window costs O(log T) copies.
            var grown = Math.Max(needed, Math.Min(Math.Max(2L * _tokens.Length, Math.Min(options.SeqLen, 1 << 16)), Array.MaxLength));
            Array.Resize(ref _tokens, (int)grown);
        }

        DocumentStream.Copy(options, tokens, offset, length, _tokens.AsSpan(Count, length));
        Pieces.Add(new WindowPiece(ordinal, offset, length, streamLength, Count));
        Count += length;
    }

    public ReadOnlySpan<uint> TokensOf(in WindowPiece piece) => _tokens.AsSpan(piece.BufferStart, piece.Length);

    public void Clear()
    {
        Pieces.Clear();
        Count = 0;
    }
}
