using UltraLLaDA.Data.Tokenization;
using UltraLLaDA.Data.Tokenization.Normalization;

namespace UltraLLaDA.Data.Tests.Tokenization;

/// <summary>Document-text semantics, decoding, worker independence and long inputs.</summary>
public sealed class EncodingBehaviourTests
{
    [Fact]
    public void Special_token_strings_in_text_are_ordinary_text_for_the_embedded_default()
    {
        var tokenizer = TestTokenizers.Get("o200k");
        var ids = Encode(tokenizer, "end <|endoftext|> and <|endofprompt|>");
        Assert.DoesNotContain(199999u, ids);
        Assert.DoesNotContain(200018u, ids);
        Assert.Equal("end <|endoftext|> and <|endofprompt|>", tokenizer.Decode(ids));
        // The special ids themselves still decode to their strings.
        Assert.Equal("a<|endoftext|>b", tokenizer.Decode([64, 199999, 65]));
    }

    [RequiresTokenizerFact("llama3", "qwen3")]
    public void Special_token_strings_in_text_are_ordinary_text_for_real_tokenizers()
    {
        foreach (var (name, special) in (ReadOnlySpan<(string, uint)>)[("llama3", 128001u), ("qwen3", 151643u), ("qwen3", 151645u)])
        {
            var tokenizer = TestTokenizers.Get(name);
            var ids = Encode(tokenizer, "x <|end_of_text|><|endoftext|><|im_end|> y");
            Assert.True(ids.All(id => id < special - 2 || id > special + 2 || tokenizer.Decode([id]).Length < 5), $"{name}: {string.Join(',', ids)}");
            Assert.DoesNotContain(special, ids);
        }
    }

    [Fact]
    public void Decode_reverses_encode_for_every_golden_text()
    {
        var tokenizer = TestTokenizers.Get("o200k");
        foreach (var c in GoldenFile.Load("o200k").Cases)
            Assert.Equal(c.Text, tokenizer.Decode(Encode(tokenizer, c.Text!)));
    }

    [RequiresTokenizerFact("qwen3")]
    public void Decode_gives_the_nfc_text_for_a_tokenizer_that_normalizes()
    {
        var tokenizer = TestTokenizers.Get("qwen3");
        const string decomposed = "Cafe\u0301 \u212B \u1112\u1161\u11AB";
        Assert.Equal("Café Å 한", tokenizer.Decode(Encode(tokenizer, decomposed)));
    }

    [Fact]
    public void Decode_refuses_an_id_that_is_not_a_token()
    {
        var tokenizer = TestTokenizers.Get("o200k");
        Assert.Throws<ArgumentOutOfRangeException>(() => tokenizer.Decode([199998]));
        Assert.Throws<ArgumentOutOfRangeException>(() => tokenizer.Decode([300000]));
    }

    [Fact]
    public void A_cut_multibyte_character_decodes_to_the_replacement_character()
    {
        var tokenizer = TestTokenizers.Get("o200k");
        var ids = Encode(tokenizer, "𠀀");
        Assert.True(ids.Length > 1);
        Assert.Equal("\uFFFD", tokenizer.Decode(ids.AsSpan(0, 1)));
    }

    [Fact]
    public void Workers_are_independent_and_agree_with_each_other()
    {
        var first = TestTokenizers.Get("o200k");
        var second = first.CreateWorker();
        Assert.NotSame(first, second);
        Assert.Same(first.Info, second.Info);
        var texts = GoldenFile.Load("o200k").Cases.Select(c => c.Text!).ToArray();
        var expected = texts.Select(t => Encode(first, t)).ToArray();
        var results = new uint[2][][];
        Parallel.For(0, 2, worker =>
        {
            var tokenizer = worker == 0 ? first : second;
            results[worker] = Enumerable.Range(0, 20).SelectMany(_ => texts).Select(t => Encode(tokenizer, t)).ToArray();
        });
        foreach (var result in results)
        {
            for (var i = 0; i < result.Length; i++)
                Assert.Equal(expected[i % texts.Length], result[i]);
        }
    }

    [Fact]
    public void Long_documents_and_pathological_runs_encode_and_round_trip()
    {
        var tokenizer = TestTokenizers.Get("o200k");
        var text = string.Concat(Enumerable.Repeat("Chapter I. It was a dark and stormy night; the rain fell in torrents.\r\n", 25_000))
            + new string('-', 300_000) + new string(' ', 100_000) + new string('\n', 50_000) + string.Concat(Enumerable.Repeat("😀", 50_000));
        Assert.True(text.Length > 2_000_000);
        var ids = new TokenBuffer();
        tokenizer.Encode(text, ids);
        Assert.Equal(text, tokenizer.Decode(ids.Span));
    }

    [Fact]
    public void Encode_appends_to_what_the_buffer_holds()
    {
        var tokenizer = TestTokenizers.Get("o200k");
        var ids = new TokenBuffer();
        ids.Add(7);
        tokenizer.Encode("hello", ids);
        Assert.Equal(7u, ids.Span[0]);
        Assert.Equal(Encode(tokenizer, "hello"), ids.Span[1..].ToArray());
        tokenizer.Encode("", ids);
        Assert.Equal(2, ids.Count);
    }

    [Theory]
    [InlineData("e\u0301", "\u00E9")]
    [InlineData("\u212B", "\u00C5")]
    [InlineData("A\u030A", "\u00C5")]
    [InlineData("e\u0323\u0301", "\u1EB9\u0301")]
    [InlineData("e\u0301\u0323", "\u1EB9\u0301")]
    [InlineData("\u1112\u1161\u11AB", "\uD55C")]
    [InlineData("\u0915\u093C", "\u0915\u093C")]
    [InlineData("\u0958", "\u0915\u093C")]
    [InlineData("\uFB01", "\uFB01")]
    [InlineData("\u00E9\u0301", "\u00E9\u0301")]
    [InlineData("𝅗𝅥", "\uD834\uDD57\uD834\uDD65")]
    public void Nfc_composes_reorders_and_respects_exclusions(string input, string expected) =>
        Assert.Equal(expected, CanonicalNormalization.ToNfc(input));

    [Fact]
    public void Nfc_returns_text_that_is_already_normalized_unchanged()
    {
        const string text = "Größe — “quoted” 한국어 日本語 😀 é";
        Assert.Same(text, CanonicalNormalization.ToNfc(text));
    }

    private static uint[] Encode(ITextTokenizer tokenizer, string text)
    {
        var ids = new TokenBuffer();
        tokenizer.Encode(text, ids);
        return ids.ToArray();
    }
}
