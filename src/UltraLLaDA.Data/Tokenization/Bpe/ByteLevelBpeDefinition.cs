using System.Text;
using UltraLLaDA.Data.Tokenization.Normalization;
using UltraLLaDA.Data.Tokenization.PreTokenization;

namespace UltraLLaDA.Data.Tokenization.Bpe;

/// <summary>
/// Everything a byte-level BPE tokenizer needs that never changes while encoding: built once by a
/// loader and shared (read-only) by all worker instances.
/// </summary>
internal sealed record ByteLevelBpeDefinition
{
    public required TokenizerInfo Info { get; init; }

    public required BpeVocabulary Vocabulary { get; init; }

    public ITextNormalizer? Normalizer { get; init; }

    /// <summary>Stage prototypes; each worker makes its own copies.</summary>
    public required IReadOnlyList<PreTokenizerStage> Stages { get; init; }

    /// <summary>Bytes each id decodes to: raw bytes for byte-level tokens, UTF-8 of the string for others.</summary>
    public required byte[]?[] DecodeBytes { get; init; }

    /// <summary>Content of each added/special token by id (they decode verbatim, outside the byte decoder).</summary>
    public required IReadOnlyDictionary<int, string> AddedTokens { get; init; }

    /// <summary>Added tokens by content (for choosing the EOD token).</summary>
    public required IReadOnlyDictionary<string, int> AddedTokenIds { get; init; }

    /// <summary>Model tokens whose vocabulary string is not byte-level text (stored verbatim), by string.</summary>
    public IReadOnlyDictionary<string, int> VerbatimTokenIds { get; init; } = new Dictionary<string, int>();

    /// <summary>The id of a token string: an added token, a model token spelling that text, or a verbatim one.</summary>
    public int? FindTokenId(string token)
    {
        if (AddedTokenIds.TryGetValue(token, out var id))
            return id;
        if (Vocabulary.TryGetId(Encoding.UTF8.GetBytes(token), out id))
            return id;
        return VerbatimTokenIds.TryGetValue(token, out id) ? id : null;
    }

    /// <summary>The text of token <paramref name="id"/>, or null when no token has that id.</summary>
    public string? TokenText(int id)
    {
        if (AddedTokens.TryGetValue(id, out var content))
            return content;
        var bytes = (uint)id < (uint)DecodeBytes.Length ? DecodeBytes[id] : null;
        return bytes is null ? null : Encoding.UTF8.GetString(bytes);
    }
}
