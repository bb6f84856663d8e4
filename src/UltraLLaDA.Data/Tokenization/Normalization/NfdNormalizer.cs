namespace UltraLLaDA.Data.Tokenization.Normalization;

/// <summary>HF's <c>NFD</c> normalizer.</summary>
internal sealed class NfdNormalizer : ITextNormalizer
{
    public static NfdNormalizer Instance { get; } = new();

    public string Normalize(string text) => CanonicalNormalization.ToNfd(text);
}
