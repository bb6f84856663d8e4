namespace UltraLLaDA.Data.Packing;

/// <summary>
/// A point in a split's token streams: every token of the documents before <see cref="Doc"/>, and the
/// first <see cref="Offset"/> tokens of document <see cref="Doc"/>, lie before it. The manifest stores
/// the position where the next record begins, so a resumed job knows where to pick up.
/// </summary>
/// <remarks>
/// That reading is concat's (<see cref="Packer"/>). Another strategy may give <see cref="Offset"/> its own
/// meaning (best-fit: records of the window that starts at <see cref="Doc"/> already emitted); the pack job
/// only stores the position and hands it back to the same strategy.
/// </remarks>
/// <param name="Doc">Document ordinal (the first document whose ordinal is at least this, if that one is empty or absent).</param>
/// <param name="Offset">Offset in that document's token stream.</param>
public readonly record struct PackPosition(long Doc, long Offset)
{
    public static PackPosition Start => new(0, 0);

    public override string ToString() => $"doc {Doc} offset {Offset}";
}
