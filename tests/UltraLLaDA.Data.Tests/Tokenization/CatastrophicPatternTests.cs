using System.Text.Json.Nodes;
using UltraLLaDA.Data.Tokenization;
using UltraLLaDA.Data.Tokenization.Patterns;

namespace UltraLLaDA.Data.Tests.Tokenization;

/// <summary>
/// Issue 11, item 8: a tokenizer.json whose split pattern backtracks catastrophically ends in a clear error naming
/// the file within a time limit, never a hang; the patterns of real tokenizers keep matching without a timeout.
/// </summary>
public sealed class CatastrophicPatternTests
{
    /// <summary>
    /// Nested repetition that .NET's optimizer does not flatten: on a long run of letters with no end of line after
    /// it, every way of cutting the run into words is tried (measured: 0.1 s for 20 letters, over 3 s for 26).
    /// </summary>
    internal const string Catastrophic = @"(\p{L}+\s?)*$";

    /// <summary>
    /// A line the pattern gets past quickly (its only match is the empty one before the newline), then 40 letters and
    /// a '!': 2^40 ways to fail, in the scan that starts at character 7.
    /// </summary>
    internal static readonly string Trigger = "words.\n" + new string('a', 40) + "!";

    /// <summary>The split patterns of the tokenizers this project encodes with (tokenizer.json as published).</summary>
    public static TheoryData<string, string> RealPatterns => new()
    {
        { "llama3", @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+" },
        { "qwen3", @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+" },
        { "gpt4o", @"[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+" },
        { "deepseek_v3, 1 of 3", @"\p{N}{1,3}" },
        { "deepseek_v3, 2 of 3", @"[一-龥぀-ゟ゠-ヿ]+" },
        { "deepseek_v3, 3 of 3", "[!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~][A-Za-z]+|[^\r\n\\p{L}\\p{P}\\p{S}]?[\\p{L}\\p{M}]+| ?[\\p{P}\\p{S}]+[\r\n]*|\\s*[\r\n]+|\\s+(?!\\S)|\\s+" },
        { "ByteLevel's own (GPT-2)", @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+" },
        { "o200k_base (built in)", UltraLLaDA.Data.Tokenization.Tiktoken.O200kBase.Pattern },
    };

    [Theory]
    [MemberData(nameof(RealPatterns))]
    public void Real_tokenizer_patterns_match_without_a_timeout(string tokenizer, string pattern) =>
        Assert.False(SplitRegex.Create(pattern).HasMatchTimeout, $"{tokenizer}: {OnigurumaPatternTranslator.Translate(pattern).Pattern}");

    [Theory]
    [InlineData(Catastrophic)]
    [InlineData(@"(a+)+$")]
    [InlineData(@"(a|aa)+$")]
    [InlineData(@"(?:x\s*)*y")]
    [InlineData(@"(ab?){2,}c")]
    [InlineData(@"(ab?){1,5}c")]
    [InlineData(@"((ab)+c)*")]
    [InlineData(@"a++*")]
    public void Nested_repetition_is_matched_under_a_timeout(string pattern) =>
        Assert.True(SplitRegex.Create(pattern).HasMatchTimeout, OnigurumaPatternTranslator.Translate(pattern).Pattern);

    [Theory]
    [InlineData(@"(ab)+")]
    [InlineData(@"(a+)?b")]
    [InlineData(@"(a|b)c+")]
    [InlineData(@"(ab?){1}c")]
    [InlineData(@"[(a+)]+")]
    [InlineData(@"(?i:ab)+")]
    [InlineData(@"\(a+\)+")]
    public void Repetition_that_does_not_nest_is_not(string pattern) =>
        Assert.False(SplitRegex.Create(pattern).HasMatchTimeout, OnigurumaPatternTranslator.Translate(pattern).Pattern);

    [Fact]
    public async Task A_catastrophic_split_pattern_ends_in_an_error_naming_the_tokenizer_file_not_a_hang()
    {
        using var folder = new TinyTokenizerFolder(WithSplitPattern(Catastrophic));
        var tokenizer = TokenizerLoader.Load(folder.TokenizerJson);
        var ids = new TokenBuffer();

        // Run where a hang can be seen: after 30 s the wait ends in a TimeoutException, which fails the test.
        var error = await Assert.ThrowsAsync<TokenizerLoadException>(
            () => Task.Run(() => tokenizer.Encode(Trigger, ids)).WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(folder.TokenizerJson, error.Tokenizer);
        Assert.StartsWith($"{folder.TokenizerJson}: pre_tokenizer Split: the split pattern \"{Catastrophic.Replace("\\", "\\\\", StringComparison.Ordinal)}\" backtracks catastrophically", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Contains("in the scan from character 7 of the text being encoded (41 characters to go in its piece)", StringComparison.Ordinal), error.Message);
        Assert.IsType<System.Text.RegularExpressions.RegexMatchTimeoutException>(error.InnerException);
    }

    [Fact]
    public void The_same_pattern_on_text_that_does_not_defeat_it_encodes()
    {
        using var folder = new TinyTokenizerFolder(WithSplitPattern(Catastrophic));
        var tokenizer = TokenizerLoader.Load(folder.TokenizerJson);
        var ids = new TokenBuffer();
        tokenizer.Encode("a few words\nand more words", ids);
        Assert.Equal("a few words\nand more words", tokenizer.Decode(ids.Span));
    }

    /// <summary>Replaces the tiny tokenizer's Split pattern.</summary>
    internal static Action<JsonObject> WithSplitPattern(string pattern) => json =>
        json["pre_tokenizer"]!["pretokenizers"]![0]!["pattern"] = new JsonObject { ["Regex"] = pattern };
}
