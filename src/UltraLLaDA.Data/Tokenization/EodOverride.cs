namespace UltraLLaDA.Data.Tokenization;

/// <summary>
/// The document-end token the caller chose explicitly (an id, a token, or both naming one token); it wins
/// over every rule. When both are given they must name the same token.
/// </summary>
/// <param name="Id">The id to use, or null.</param>
/// <param name="Token">The token string to use (looked up among added tokens, then in the vocabulary), or null.</param>
public sealed record EodOverride(int? Id = null, string? Token = null);
