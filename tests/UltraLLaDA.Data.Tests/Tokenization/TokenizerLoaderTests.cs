using System.Text.Json.Nodes;
using UltraLLaDA.Data.Tokenization;

using UltraLLaDA.Data.Tests.Support;

namespace UltraLLaDA.Data.Tests.Tokenization;

/// <summary>What the loader accepts, what it refuses, and that every refusal names the file and the component.</summary>
public sealed class TokenizerLoaderTests
{
    [Theory]
    [InlineData("wordpiece.tokenizer.json", "'WordPiece'")]
    [InlineData("unigram.tokenizer.json", "'Unigram'")]
    [InlineData("wordlevel.tokenizer.json", "'WordLevel'")]
    public void Other_model_types_are_refused_naming_the_model_and_the_file(string file, string component)
    {
        var error = Assert.Throws<TokenizerLoadException>(() => TokenizerLoader.Load(TestPaths.TokenizerTestData(file)));
        Assert.Contains(component, error.Message);
        Assert.Contains(file, error.Message);
    }

    [Fact]
    public void Malformed_json_is_refused_naming_the_file()
    {
        var error = Assert.Throws<TokenizerLoadException>(() => TokenizerLoader.Load(TestPaths.TokenizerTestData("truncated.tokenizer.json")));
        Assert.Contains("truncated.tokenizer.json", error.Message);
        Assert.Contains("not valid JSON", error.Message);
    }

    public static TheoryData<string, string, string> UnsupportedComponents => new()
    {
        { "normalizer", """{"type": "Lowercase"}""", "normalizer component 'Lowercase'" },
        { "normalizer", """{"type": "Sequence", "normalizers": [{"type": "NFC"}, {"type": "NFKC"}]}""", "normalizer component 'NFKC'" },
        { "pre_tokenizer", """{"type": "Whitespace"}""", "pre_tokenizer component 'Whitespace'" },
        { "pre_tokenizer", """{"type": "Metaspace", "replacement": "▁"}""", "pre_tokenizer component 'Metaspace'" },
        { "pre_tokenizer", """{"type": "Sequence", "pretokenizers": [{"type": "Digits", "individual_digits": true}, {"type": "ByteLevel"}]}""", "pre_tokenizer component 'Digits'" },
        { "pre_tokenizer", """{"type": "Split", "pattern": {"Regex": "\\s+"}, "behavior": "Isolated", "invert": false}""", "no ByteLevel component" },
        { "pre_tokenizer", """{"type": "Sequence", "pretokenizers": [{"type": "Split", "pattern": {"Regex": " "}, "behavior": "MergedWithPrevious", "invert": false}, {"type": "ByteLevel"}]}""", "Split behavior 'MergedWithPrevious'" },
        { "pre_tokenizer", """{"type": "Sequence", "pretokenizers": [{"type": "Split", "pattern": {"Regex": "\\w+|\\s"}, "behavior": "Isolated", "invert": false}, {"type": "ByteLevel"}]}""", "'\\w'" },
        { "pre_tokenizer", """{"type": "Sequence", "pretokenizers": [{"type": "Split", "pattern": {"Regex": "\\p{Han}+"}, "behavior": "Isolated", "invert": false}, {"type": "ByteLevel"}]}""", "\\p{Han}" },
        { "decoder", """{"type": "WordPiece", "prefix": "##"}""", "decoder component 'WordPiece'" },
        { "model.byte_fallback", "true", "byte_fallback" },
        { "model.dropout", "0.1", "dropout" },
        { "model.continuing_subword_prefix", "\"##\"", "continuing_subword_prefix" },
    };

    [Theory]
    [MemberData(nameof(UnsupportedComponents))]
    public void Unsupported_components_are_refused_naming_them_and_the_file(string path, string json, string expected)
    {
        using var folder = new TinyTokenizerFolder(tokenizer => Set(tokenizer, path, JsonNode.Parse(json)));
        var error = Assert.Throws<TokenizerLoadException>(() => TokenizerLoader.Load(folder.Path));
        Assert.Contains(expected, error.Message);
        Assert.Contains(folder.TokenizerJson, error.Message);
    }

    [Fact]
    public void A_merge_of_tokens_missing_from_the_vocabulary_is_refused()
    {
        using var folder = new TinyTokenizerFolder(tokenizer => tokenizer["model"]!["merges"]!.AsArray().Add("x yz"));
        Assert.Contains("not in model.vocab", Assert.Throws<TokenizerLoadException>(() => TokenizerLoader.Load(folder.Path)).Message);
    }

    [Fact]
    public void A_vocabulary_without_every_single_byte_is_refused()
    {
        using var folder = new TinyTokenizerFolder(tokenizer => tokenizer["model"]!["vocab"]!.AsObject().Remove("Ā"));
        Assert.Contains("single byte 0x00", Assert.Throws<TokenizerLoadException>(() => TokenizerLoader.Load(folder.Path)).Message);
    }

    [Fact]
    public void Merges_in_array_form_give_the_same_tokenizer_as_string_form()
    {
        using var strings = new TinyTokenizerFolder();
        using var arrays = new TinyTokenizerFolder(tokenizer =>
        {
            var merges = tokenizer["model"]!["merges"]!.AsArray().Select(m => (string)m!).ToArray();
            tokenizer["model"]!["merges"] = new JsonArray(merges.Select(m => (JsonNode)new JsonArray(m.Split(' ').Select(p => (JsonNode)p!).ToArray())).ToArray());
        });
        Assert.Equal(Encode(TokenizerLoader.Load(strings.Path), " the hand and in"), Encode(TokenizerLoader.Load(arrays.Path), " the hand and in"));
    }

    [Fact]
    public void Tiny_tokenizer_applies_its_merges_and_reports_its_info()
    {
        using var folder = new TinyTokenizerFolder();
        var tokenizer = TokenizerLoader.Load(folder.Path);
        // Pieces " the" and " andin": Ġthe (258), then Ġand (262) and in (259).
        Assert.Equal([258, 262, 259], Encode(tokenizer, " the andin"));
        Assert.Equal(264, tokenizer.Info.VocabSize);
        Assert.Equal(64, tokenizer.Info.Sha256.Length);
        Assert.EndsWith("/tokenizer.json", tokenizer.Info.Name);
    }

    [Fact]
    public void A_file_that_starts_with_a_byte_order_mark_loads()
    {
        using var folder = new TinyTokenizerFolder();
        File.WriteAllBytes(folder.TokenizerJson, [0xEF, 0xBB, 0xBF, .. File.ReadAllBytes(folder.TokenizerJson)]);
        Assert.Equal(264, TokenizerLoader.Load(folder.Path).Info.VocabSize);
    }

    [Fact]
    public void A_folder_without_tokenizer_json_and_a_missing_path_are_refused()
    {
        var empty = Directory.CreateTempSubdirectory("ulds-empty-");
        try
        {
            Assert.Contains("no tokenizer.json", Assert.Throws<TokenizerLoadException>(() => TokenizerLoader.Load(empty.FullName)).Message);
        }
        finally
        {
            empty.Delete();
        }
        Assert.Contains("no such file", Assert.Throws<TokenizerLoadException>(() => TokenizerLoader.Load("/nonexistent/tokenizer.json")).Message);
        Assert.Contains("not built in", Assert.Throws<TokenizerLoadException>(() => TokenizerLoader.Load("cl100k_base")).Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("o200k_base")]
    [InlineData("O200K_BASE")]
    public void Null_empty_and_the_name_give_the_embedded_o200k(string? spec)
    {
        var info = TokenizerLoader.Load(spec).Info;
        Assert.Equal("o200k_base", info.Name);
        Assert.Equal(200019, info.VocabSize);
        // SHA-256 of the decompressed o200k_base.tiktoken.deflate in Microsoft.ML.Tokenizers.Data.O200kBase 2.0.1.
        Assert.Equal("b42b97d43069c0a1d6cab8567f4febc4f35c6150738dc9614df8542535fc26c4", info.Sha256);
    }

    [RequiresTokenizerFact("llama3")]
    public void Real_file_info_has_file_hash_and_vocab_size_with_added_tokens()
    {
        var info = TestTokenizers.Get("llama3").Info;
        Assert.Equal(128256, info.VocabSize);
        Assert.Equal("llama3/tokenizer.json", info.Name);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(TestPaths.TokenizerJson("llama3")))), info.Sha256);
    }

    private static uint[] Encode(ITextTokenizer tokenizer, string text)
    {
        var ids = new TokenBuffer();
        tokenizer.Encode(text, ids);
        return ids.ToArray();
    }

    private static void Set(JsonObject json, string dottedPath, JsonNode? value)
    {
        var keys = dottedPath.Split('.');
        var target = json;
        foreach (var key in keys[..^1])
            target = target[key]!.AsObject();
        target[keys[^1]] = value;
    }
}
