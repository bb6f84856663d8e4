namespace UltraLLaDA.Data.Tokenization.Patterns;

/// <summary>
/// A split pattern rewritten for .NET, plus every character the pattern names literally (single
/// characters and class ranges), which the astral-character stand-ins must avoid.
/// </summary>
/// <param name="Pattern">The .NET pattern, to compile with culture-invariant, case-sensitive options.</param>
/// <param name="LiteralRanges">Inclusive ranges of characters that the pattern names literally.</param>
internal sealed record TranslatedPattern(string Pattern, IReadOnlyList<(char First, char Last)> LiteralRanges);
