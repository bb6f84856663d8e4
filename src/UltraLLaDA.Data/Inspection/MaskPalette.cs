namespace UltraLLaDA.Data.Inspection;

/// <summary>
/// The colours of the mask pictures (0xAARRGGBB). A document always gets the same colour, its ordinal
/// modulo the palette, so a document cut across records keeps its colour from one record to the next.
/// </summary>
public static class MaskPalette
{
    /// <summary>Where attention is not allowed.</summary>
    public const uint Masked = 0xFFFFFFFF;

    /// <summary>Attention between two different documents (layouts eod and direct: full attention).</summary>
    public const uint CrossDocument = 0xFFDCE1E8;

    /// <summary>Padding of a padded tail.</summary>
    public const uint Padding = 0xFF9E9E9E;

    /// <summary>EOD token positions.</summary>
    public const uint Eod = 0xFF000000;

    /// <summary>Segment boundaries in the record strip.</summary>
    public const uint Boundary = 0xFF202020;

    private static readonly uint[] Colors =
    [
        0xFF1F77B4, 0xFFFF7F0E, 0xFF2CA02C, 0xFFD62728, 0xFF9467BD, 0xFF8C564B, 0xFFE377C2, 0xFF17BECF, 0xFFBCBD22, 0xFF393B79,
        0xFFAD494A, 0xFF637939, 0xFFE7BA52, 0xFF5254A3, 0xFF843C39, 0xFFA55194, 0xFF31A354, 0xFFE6550D, 0xFF6B6ECF, 0xFF8CA252,
    ];

    /// <summary>Colours in the palette.</summary>
    public static int Count => Colors.Length;

    /// <summary>The colour of document <paramref name="doc"/>.</summary>
    public static uint Document(ulong doc) => Colors[(int)(doc % (ulong)Colors.Length)];

    /// <summary>Mixes colours by weight (weights summing to 1), channel by channel.</summary>
    public static uint Mix(ReadOnlySpan<(uint Color, double Weight)> parts)
    {
        double r = 0, g = 0, b = 0, total = 0;
        foreach (var (color, weight) in parts)
        {
            if (weight <= 0)
                continue;
            r += ((color >> 16) & 0xFF) * weight;
            g += ((color >> 8) & 0xFF) * weight;
            b += (color & 0xFF) * weight;
            total += weight;
        }

        if (total <= 0)
            return Masked;
        return 0xFF000000 | ((uint)Math.Round(r / total) << 16) | ((uint)Math.Round(g / total) << 8) | (uint)Math.Round(b / total);
    }
}
