namespace UltraLLaDA.Data.Tokenization.Normalization;

/// <summary>HF's <c>Sequence</c> normalizer: applies its parts in order.</summary>
internal sealed class SequenceNormalizer(IReadOnlyList<ITextNormalizer> parts) : ITextNormalizer
{
    public string Normalize(string text)
    {
        foreach (var part in parts)
            text = part.Normalize(text);
        return text;
    }
}
