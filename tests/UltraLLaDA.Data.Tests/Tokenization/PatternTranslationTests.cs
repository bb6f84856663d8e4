using System.Text.RegularExpressions;
using UltraLLaDA.Data.Tokenization.Patterns;

namespace UltraLLaDA.Data.Tests.Tokenization;

/// <summary>Oniguruma -> .NET pattern translation, and matching characters outside the BMP like Oniguruma.</summary>
public sealed class PatternTranslationTests
{
    private const string Llama3Pattern = @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    [Theory]
    [InlineData(@"\p{L}++", @"(?>\p{L}+)")]
    [InlineData(@"a?+b", @"(?>a?)b")]
    [InlineData(@"[^\s\p{L}]*+x", @"(?>[^\s\p{L}]*)x")]
    [InlineData(@"(?:ab)++", @"(?>(?:ab)+)")]
    [InlineData(@"a*?b+?", @"a*?b+?")]
    [InlineData(@"\p{N}{1,3}", @"\p{N}{1,3}")]
    [InlineData(@"a{2,3}+", @"(?:a{2,3})+")]
    [InlineData(@"a{,3}", @"a{0,3}")]
    [InlineData(@"x{y", @"x\{y")]
    [InlineData(@"^a$", @"(?m:^)a(?m:$)")]
    [InlineData(@"\h", @"[0-9a-fA-F]")]
    public void Translates_constructs_net_lacks_or_reads_differently(string oniguruma, string expected) =>
        Assert.Equal(expected, OnigurumaPatternTranslator.Translate(oniguruma).Pattern);

    [Fact]
    public void Case_insensitive_groups_use_unicode_simple_case_folding()
    {
        var translated = OnigurumaPatternTranslator.Translate("(?i:'s|'k)").Pattern;
        Assert.Equal("(?:'[sS\\u017F]|'[kK\\u212A])", translated);
        var regex = new Regex($"^(?:{translated})$");
        Assert.Matches(regex, "'ſ");
        Assert.Matches(regex, "'S");
        Assert.Matches(regex, "'\u212A");
        Assert.DoesNotMatch(regex, "'x");
        // Outside the group case matters again.
        Assert.DoesNotMatch(new Regex(OnigurumaPatternTranslator.Translate("(?i:a)b").Pattern), "AB");
    }

    [Theory]
    [InlineData(@"\w+", "'\\w'")]
    [InlineData(@"\bword", "'\\b'")]
    [InlineData(@"(a)\1", "'\\1'")]
    [InlineData(@"\p{Han}", "\\p{Han}")]
    [InlineData(@"\p{Alpha}", "\\p{Alpha}")]
    [InlineData(@"[[:alpha:]]", "POSIX bracket")]
    [InlineData(@"[a-z&&[^aeiou]]", "intersection")]
    [InlineData(@"(?x) a", "option 'x'")]
    [InlineData(@"(?m:.)", "option 'm'")]
    [InlineData("𝔘+", "outside the BMP")]
    [InlineData(@"\x{1D518}", "outside the BMP")]
    [InlineData(@"(?i:é)", "non-ASCII cased letter")]
    [InlineData(@"(?i:ss)", "folds to them")]
    [InlineData(@"(?i:\p{Lu})", "case-dependent property")]
    [InlineData(@"(ab", "unbalanced")]
    [InlineData(@"ab)", "unbalanced")]
    [InlineData(@"*a", "nothing to repeat")]
    [InlineData(@"\K", "'\\K'")]
    public void Refuses_what_cannot_be_reproduced_exactly(string pattern, string expected)
    {
        var error = Assert.Throws<UnsupportedPatternException>(() => SplitRegex.Create(pattern));
        Assert.Contains(expected, error.Message);
        Assert.Contains("cannot translate", error.Message);
    }

    [Fact]
    public void Real_tokenizer_patterns_translate_and_compile()
    {
        SplitRegex.Create(Llama3Pattern);
        SplitRegex.Create(UltraLLaDA.Data.Tokenization.Tiktoken.O200kBase.Pattern);
        SplitRegex.Create(@"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+");
        // DeepSeek-V3's split patterns.
        SplitRegex.Create(@"[!""#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~][A-Za-z]+|[^\r\n\p{L}\p{P}\p{S}]?[\p{L}\p{M}]+| ?[\p{P}\p{S}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+");
        SplitRegex.Create(@"[一-龥぀-ゟ゠-ヿ]+");
    }

    [Theory]
    [InlineData("a𝔘b", new[] { "a𝔘b" })]
    [InlineData("😀abc", new[] { "😀abc" })]
    [InlineData(" 𝔘𝔩𝔱", new[] { " 𝔘𝔩𝔱" })]
    [InlineData("𝟏𝟐𝟑𝟒", new[] { "𝟏𝟐𝟑", "𝟒" })]
    [InlineData("x😀😀 y", new[] { "x", "😀😀", " y" })]
    [InlineData("𠀀𠀁", new[] { "𠀀𠀁" })]
    public void Characters_outside_the_bmp_count_as_one_character_of_their_category(string text, string[] pieces)
    {
        var matches = new List<(int Start, int Length)>();
        SplitRegex.Create(Llama3Pattern).FindMatches(text, matches);
        Assert.Equal(pieces, matches.Select(m => text.Substring(m.Start, m.Length)).ToArray());
    }

    [Fact]
    public void Stand_ins_avoid_characters_the_pattern_names()
    {
        // A CJK range must not capture a CJK character outside the BMP (U+20000 is not in 一-龥).
        var matches = new List<(int Start, int Length)>();
        SplitRegex.Create(@"[一-龥]+|\p{Lo}").FindMatches("一𠀀二", matches);
        Assert.Equal([(0, 1), (1, 2), (3, 1)], matches);
    }

    [Fact]
    public void A_lone_surrogate_is_matched_as_the_replacement_character()
    {
        var matches = new List<(int Start, int Length)>();
        SplitRegex.Create(Llama3Pattern).FindMatches("ab\uD800cd", matches);
        // U+FFFD is a symbol, so it is the optional lead character of the letters after it.
        Assert.Equal([(0, 2), (2, 3)], matches);
    }
}
