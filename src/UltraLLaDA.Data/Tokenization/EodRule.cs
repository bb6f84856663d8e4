namespace UltraLLaDA.Data.Tokenization;

/// <summary>Which rule chose a tokenizer's document-end token (or found none), so a caller can word its own advice.</summary>
public enum EodRule
{
    /// <summary>No rule found a document-end token: the caller must give one explicitly (an <see cref="EodOverride"/>).</summary>
    None,

    /// <summary>A known document-end token among the tokenizer's special tokens.</summary>
    SpecialToken,

    /// <summary>tokenizer_config.json's eos_token.</summary>
    ConfigEosToken,

    /// <summary>The id given explicitly (<see cref="EodOverride.Id"/>).</summary>
    ExplicitId,

    /// <summary>The token given explicitly (<see cref="EodOverride.Token"/>).</summary>
    ExplicitToken,
}
