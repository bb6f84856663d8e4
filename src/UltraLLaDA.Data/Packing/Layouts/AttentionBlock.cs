namespace UltraLLaDA.Data.Packing.Layouts;

/// <summary>
/// Positions [Start, Start + Length) of a record that attend to each other, bidirectionally, and to nothing else.
/// A padding block attends to nothing and nothing attends to it.
/// </summary>
public readonly record struct AttentionBlock(int Start, int Length, bool IsPadding = false)
{
    public int End => Start + Length;
}
