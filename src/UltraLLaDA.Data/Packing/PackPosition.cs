namespace UltraLLaDA.Data.Packing;

/// <summary>
/// A point in a split's token streams: every token of the documents before <see cref="Doc"/>, and the
/// first <see cref="Offset"/> tokens of document <see cref="Doc"/>, lie before it. The manifest stores
/// the position where the next record begins, so a resumed job knows where to pick up.
/// </summary>
/// <param name="Doc">Document ordinal (the first document whose ordinal is at least this, if that one is empty or absent).</param>
/// <param name="Offset">Offset in that document's token stream.</param>
public readonly record struct PackPosition(long Doc, long Offset)
{
    public static PackPosition Start => new(0, 0);

    public override string ToString() => $"doc {Doc} offset {Offset}";
}
