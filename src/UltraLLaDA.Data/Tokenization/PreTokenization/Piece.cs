namespace UltraLLaDA.Data.Tokenization.PreTokenization;

/// <summary>
/// A piece of the (normalized) text that BPE encodes on its own.
/// </summary>
/// <param name="Start">Index of the piece's first char in the text.</param>
/// <param name="Length">Number of chars; may be 0 only when <paramref name="SpacePrefix"/> is set.</param>
/// <param name="SpacePrefix">
/// A space precedes the piece that is not in the text: ByteLevel's <c>add_prefix_space</c> inserts it.
/// </param>
internal readonly record struct Piece(int Start, int Length, bool SpacePrefix)
{
    public bool IsEmpty => Length == 0 && !SpacePrefix;
}
