namespace UltraLLaDA.Data.Tokenization.Normalization;

/// <summary>HF's <c>NFC</c> normalizer.</summary>
internal sealed class NfcNormalizer : ITextNormalizer
{
    public static NfcNormalizer Instance { get; } = new();

    public string Normalize(string text) => CanonicalNormalization.ToNfc(text);
}
