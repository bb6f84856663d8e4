namespace UltraLLaDA.Data.Sources;

/// <summary>
/// Removes the one leading U+FEFF that Project Gutenberg's UTF-8 files (and the Parquet rows made from them) carry,
/// so that a book reads the same whichever layout it comes from.
/// </summary>
internal static class LeadingBom
{
    /// <summary>The UTF-8 encoding of U+FEFF.</summary>
    public static ReadOnlySpan<byte> Utf8 => [0xEF, 0xBB, 0xBF];

    /// <summary>Returns <paramref name="text"/> without a leading U+FEFF, counting a removal in <paramref name="stats"/>.</summary>
    public static string? Remove(string? text, SourceStats stats)
    {
        if (text is not { Length: > 0 } || text[0] != '\uFEFF')
            return text;
        stats.AddBomRemoved();
        return text[1..];
    }
}
