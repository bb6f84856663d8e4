using UltraLLaDA.Data.Tokenization;

namespace UltraLLaDA.Data.Tests.Tokenization;

/// <summary>How the document-end token is chosen, and that TokenizerInfo says why.</summary>
public sealed class EodSelectionTests
{
    [Fact]
    public void Endoftext_is_preferred_over_the_other_document_end_tokens()
    {
        using var folder = new TinyTokenizerFolder(TinyTokenizerFolder.WithAddedTokens("</s>", "<|end_of_text|>", "<|endoftext|>"));
        var info = TokenizerLoader.Load(folder.Path).Info;
        Assert.Equal(265, info.EodId);
        Assert.Equal("<|endoftext|>", info.EodToken);
        Assert.Contains("special tokens", info.EodReason);
    }

    [Theory]
    [InlineData(new[] { "</s>", "<|end_of_text|>" }, "<|end_of_text|>")]
    [InlineData(new[] { "</s>", "<｜end▁of▁sentence｜>" }, "<｜end▁of▁sentence｜>")]
    [InlineData(new[] { "<|eot_id|>", "</s>" }, "</s>")]
    public void The_preference_order_decides_among_document_end_tokens(string[] added, string expected)
    {
        using var folder = new TinyTokenizerFolder(TinyTokenizerFolder.WithAddedTokens(added));
        Assert.Equal(expected, TokenizerLoader.Load(folder.Path).Info.EodToken);
    }

    [Fact]
    public void Eos_token_from_the_config_is_used_when_no_document_end_token_exists()
    {
        using var folder = new TinyTokenizerFolder(TinyTokenizerFolder.WithAddedTokens("<bos>", "<eos>"), """{"eos_token": "<eos>"}""");
        var info = TokenizerLoader.Load(folder.Path).Info;
        Assert.Equal(264, info.EodId);
        Assert.Equal("<eos>", info.EodToken);
        Assert.Contains("tokenizer_config.json", info.EodReason);
    }

    [Fact]
    public void Eos_token_written_as_an_added_token_object_is_understood()
    {
        using var folder = new TinyTokenizerFolder(TinyTokenizerFolder.WithAddedTokens("<eos>"), """{"eos_token": {"__type": "AddedToken", "content": "<eos>", "special": true}}""");
        Assert.Equal(263, TokenizerLoader.Load(folder.TokenizerJson).Info.EodId);
    }

    [Theory]
    [InlineData("<|eot_id|>")]
    [InlineData("<|im_end|>")]
    public void End_of_turn_tokens_are_not_document_ends(string eos)
    {
        using var folder = new TinyTokenizerFolder(TinyTokenizerFolder.WithAddedTokens("<|eot_id|>", "<|im_end|>"), $$"""{"eos_token": "{{eos}}"}""");
        var info = TokenizerLoader.Load(folder.Path).Info;
        Assert.Null(info.EodId);
        Assert.Null(info.EodToken);
        Assert.Contains("chat turn", info.EodReason);
        // The flags to pass are the CLI's words (PackCommandTests); the library says no rule found one.
        Assert.Equal(EodRule.None, info.EodRule);
        Assert.Contains("given explicitly", info.EodReason);
        Assert.DoesNotContain("--", info.EodReason, StringComparison.Ordinal);
    }

    [Fact]
    public void No_candidate_leaves_the_eod_unset_and_says_what_to_pass()
    {
        using var folder = new TinyTokenizerFolder(TinyTokenizerFolder.WithAddedTokens("<pad>"));
        var info = TokenizerLoader.Load(folder.Path).Info;
        Assert.Null(info.EodId);
        Assert.Equal(EodRule.None, info.EodRule);
        Assert.Contains("given explicitly", info.EodReason);
        Assert.DoesNotContain("--", info.EodReason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_explicit_id_wins_over_every_rule()
    {
        using var folder = new TinyTokenizerFolder();
        var info = TokenizerLoader.Load(folder.Path, new EodOverride(Id: 256)).Info;
        Assert.Equal(256, info.EodId);
        Assert.Equal(" t", info.EodToken);
        Assert.Equal(EodRule.ExplicitId, info.EodRule);
        Assert.Contains("EOD id 256 given explicitly", info.EodReason);
    }

    [Fact]
    public void An_explicit_token_is_found_among_added_tokens_and_in_the_vocabulary()
    {
        using var folder = new TinyTokenizerFolder();
        Assert.Equal(263, TokenizerLoader.Load(folder.Path, new EodOverride(Token: "<|endoftext|>")).Info.EodId);
        var vocabularyToken = TokenizerLoader.Load(folder.Path, new EodOverride(Token: " the")).Info;
        Assert.Equal(258, vocabularyToken.EodId);
        Assert.Equal(EodRule.ExplicitToken, vocabularyToken.EodRule);
        Assert.Contains("EOD token  the given explicitly", vocabularyToken.EodReason);
    }

    [Fact]
    public void Explicit_id_and_token_must_agree()
    {
        using var folder = new TinyTokenizerFolder();
        Assert.Equal(263, TokenizerLoader.Load(folder.Path, new EodOverride(263, "<|endoftext|>")).Info.EodId);
        var error = Assert.Throws<TokenizerLoadException>(() => TokenizerLoader.Load(folder.Path, new EodOverride(5, "<|endoftext|>")));
        Assert.Contains("different tokens", error.Message);
        Assert.Equal(TokenizerSetting.EodId | TokenizerSetting.EodToken, error.Setting);
    }

    [Fact]
    public void Unknown_explicit_tokens_and_ids_are_refused()
    {
        using var folder = new TinyTokenizerFolder();
        // The flag names are the CLI's (PackCommandTests); the library says which setting is at fault.
        var token = Assert.Throws<TokenizerLoadException>(() => TokenizerLoader.Load(folder.Path, new EodOverride(Token: "<nope>")));
        Assert.Contains("EOD token <nope>", token.Message);
        Assert.Equal(TokenizerSetting.EodToken, token.Setting);
        var id = Assert.Throws<TokenizerLoadException>(() => TokenizerLoader.Load(folder.Path, new EodOverride(Id: 99999)));
        Assert.Contains("EOD id 99999", id.Message);
        Assert.Equal(TokenizerSetting.EodId, id.Setting);
    }

    [Fact]
    public void Embedded_default_ends_documents_with_endoftext()
    {
        var info = TokenizerLoader.Load(null).Info;
        Assert.Equal(199999, info.EodId);
        Assert.Equal("<|endoftext|>", info.EodToken);
        Assert.Equal(1, TokenizerLoader.Load("o200k_base", new EodOverride(Id: 1)).Info.EodId);
    }

    [RequiresTokenizerFact("llama3", "qwen3", "deepseek_v3")]
    public void Real_tokenizers_get_their_document_end_token()
    {
        Assert.Equal(128001, TestTokenizers.Get("llama3").Info.EodId);
        Assert.Equal("<｜end▁of▁sentence｜>", TestTokenizers.Get("deepseek_v3").Info.EodToken);
        // Qwen3's config says eos_token <|im_end|> (end of turn); <|endoftext|> is the document end.
        Assert.Equal(151643, TestTokenizers.Get("qwen3").Info.EodId);
    }
}
