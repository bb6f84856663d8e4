namespace UltraLLaDA.Data.Tokenization.Normalization;

/// <summary>A tokenizer.json normalizer: rewrites text before pre-tokenization. Stateless and thread-safe.</summary>
internal interface ITextNormalizer
{
    /// <summary>The normalized text (the same instance when nothing changes).</summary>
    string Normalize(string text);
}
