namespace UltraLLaDA.Data.Packing.BestFit;

/// <summary>
/// How many documents best-fit packing considers together. A window closes when it holds
/// <see cref="MaxDocuments"/> documents or <see cref="MaxTokens"/> buffered tokens, whichever comes
/// first; its pieces are then placed and its records emitted. The window is what bounds the packer's
/// memory, and it depends only on the document sequence, so the records do too.
/// </summary>
/// <remarks>
/// Defaults: 512 documents is where best-fit-decreasing has enough small pieces to fill the gaps the
/// large ones leave (PG-19 books leave remainders spread evenly over [0, seq_len), so a few hundred
/// of them tile records almost without padding), while placement stays cheap. 4,194,304 tokens
/// (64 records of 64K) caps the buffer at 16 MiB of tokens, and about three times that while a
/// window's records are built, whatever the document lengths; with 64K records and book-length
/// documents it closes a window after about 128 books, with 8K records the document count closes it.
/// </remarks>
public sealed record BestFitWindow
{
    public const int DefaultMaxDocuments = 512;

    public const long DefaultMaxTokens = 1L << 22;

    /// <summary>The largest token bound accepted: the buffer is one array.</summary>
    public const long MaxMaxTokens = 1L << 30;

    public static BestFitWindow Default { get; } = new();

    /// <summary>Documents (empty ones included) after which the window closes.</summary>
    public int MaxDocuments { get; init; } = DefaultMaxDocuments;

    /// <summary>Buffered tokens (short documents and remainders) at or after which the window closes.</summary>
    public long MaxTokens { get; init; } = DefaultMaxTokens;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bound that cannot work.</summary>
    public void Validate()
    {
        if (MaxDocuments <= 0)
            throw new ArgumentException($"the best-fit window must hold at least one document, not {MaxDocuments}.");
        if (MaxTokens <= 0 || MaxTokens > MaxMaxTokens)
            throw new ArgumentException($"the best-fit window's token bound must lie in 1..{MaxMaxTokens}, not {MaxTokens}.");
    }

    public override string ToString() => $"{MaxDocuments} documents or {MaxTokens} tokens";
}
