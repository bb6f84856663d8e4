namespace UltraLLaDA.Training.Attention;

/// <summary>A run of positions [Start, Start + Length) that attend only to each other.</summary>
public readonly record struct AttentionSpan(int Start, int Length)
{
    public int End => Start + Length;
}
