namespace UltraLLaDA.Data.Packing.BestFit;

/// <summary>
/// How many documents best-fit packing considers together. A window closes when it holds
/// <see cref="MaxDocuments"/> documents or <see cref="MaxTokens"/> buffered tokens, whichever comes
/// first; its pieces are then placed and its records emitted. The window is what bounds the packer's
/// memory, and it depends only on the document sequence, so the records do too.
/// </summary>
/// <remarks>
/// Defaults, chosen for quality at a bounded cost: the window must hold enough remainders that small
/// ones fill the gaps large ones leave. 512 documents do that with 8K records (PG-19 remainders are
/// spread evenly over [0, seq_len); the window closes by count there). With 64K records book-length
/// documents leave 32K on average, so the token bound closes the window: 16,777,216 tokens (about 500
/// such remainders) keep the fill within about half a point of concat's on uniform 1K..250K-token
/// documents, where 4M tokens lost 1.3 points. The cost is the buffer, 4 bytes a token (64 MiB at the
/// default, whatever the document lengths); records are built from it only as they are taken.
/// </remarks>
public sealed record BestFitWindow
{
    public const int DefaultMaxDocuments = 512;

    public const long DefaultMaxTokens = 1L << 24;

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
