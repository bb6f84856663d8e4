using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace UltraLLaDA.Data.Tokenization.Patterns;

/// <summary>
/// Where a split pattern comes from: the tokenizer (its file path, or a built-in name) and the component that holds
/// it, so an error found while encoding, long after loading, still names the file to fix.
/// </summary>
/// <param name="Tokenizer">The tokenizer.json path or the built-in tokenizer's name.</param>
/// <param name="Component">The component that holds the pattern, e.g. "pre_tokenizer Split".</param>
/// <param name="Pattern">The pattern as the tokenizer writes it.</param>
internal sealed record PatternOrigin(string Tokenizer, string Component, string Pattern)
{
    // Quoted as JSON, but readable: '+' and the like stay as they are in tokenizer.json.
    private static readonly JsonSerializerOptions Quoting = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>For a pattern compiled on its own (tests, tools): no file to name.</summary>
    public static PatternOrigin Unnamed(string pattern) => new("split pattern", "pre_tokenizer", pattern);

    /// <summary>The error for a match that ran past <paramref name="limit"/>.</summary>
    public TokenizerLoadException Backtracked(TimeSpan limit, int textOffset, int remaining, Exception cause) =>
        new(
            Tokenizer,
            string.Create(
                CultureInfo.InvariantCulture,
                $"{Component}: the split pattern {JsonSerializer.Serialize(Pattern, Quoting)} backtracks catastrophically: one match ran past the {limit.TotalSeconds:0.###} s limit in the scan from character {textOffset} of the text being encoded ({remaining} characters to go in its piece); this tokenizer cannot encode that text; rewrite the pattern without nested quantifiers such as (a+)+"),
            cause);
}
