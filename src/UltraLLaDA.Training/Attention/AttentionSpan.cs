namespace UltraLLaDA.Training.Attention;

/// <summary>
/// A run of positions [Start, Start + Length) that attend only to each other. A padding span attends to nothing:
/// its outputs are zeros, since nothing reads them (padding is never in the loss and no real token attends to it),
/// so a record's padded tail costs no attention at all.
/// </summary>
public readonly record struct AttentionSpan(int Start, int Length, bool IsPadding = false)
{
    public int End => Start + Length;
}
