using UltraLLaDA.Data.Tokenization;

namespace UltraLLaDA.Data.Tests.Tokenization;

/// <summary>
/// Ids must equal the Hugging Face reference exactly (golden files from tools/golden/make-golden.mjs):
/// fixed texts covering scripts, whitespace, emoji, characters outside the BMP, special-token strings
/// as plain text, unnormalized text; configuration variants; decoding; a real book chunk.
/// </summary>
public sealed class GoldenTokenizerTests
{
    [RequiresTokenizerFact("llama3")]
    public void Llama3_encodes_every_case_like_the_reference() => AssertCases("llama3", "llama3");

    [RequiresTokenizerFact("qwen3")]
    public void Qwen3_encodes_every_case_like_the_reference() => AssertCases("qwen3", "qwen3");

    [RequiresTokenizerFact("deepseek_v3")]
    public void DeepSeek_v3_encodes_every_case_like_the_reference() => AssertCases("deepseek_v3", "deepseek_v3");

    [Fact]
    public void Embedded_o200k_encodes_every_case_like_the_reference() => AssertCases("o200k", "o200k");

    [RequiresTokenizerFact("gpt4o")]
    public void Gpt4o_tokenizer_json_encodes_every_case_like_the_o200k_reference() => AssertCases("o200k", "gpt4o");

    [RequiresTokenizerFact("llama3")]
    public void Llama3_variants_encode_every_case_like_the_reference() => AssertVariants("llama3");

    [RequiresTokenizerFact("qwen3")]
    public void Qwen3_variants_encode_every_case_like_the_reference() => AssertVariants("qwen3");

    [RequiresTokenizerFact("llama3")]
    public void Llama3_decodes_like_the_reference() => AssertDecode("llama3", "llama3");

    [RequiresTokenizerFact("qwen3")]
    public void Qwen3_decodes_like_the_reference() => AssertDecode("qwen3", "qwen3");

    [RequiresTokenizerFact("deepseek_v3")]
    public void DeepSeek_v3_decodes_like_the_reference() => AssertDecode("deepseek_v3", "deepseek_v3");

    [Fact]
    public void Embedded_o200k_decodes_like_the_reference() => AssertDecode("o200k", "o200k");

    [RequiresTokenizerFact("llama3", NeedsSample = true)]
    public void Llama3_encodes_a_book_chunk_like_the_reference() => AssertChunk("llama3", "llama3");

    [RequiresTokenizerFact("qwen3", NeedsSample = true)]
    public void Qwen3_encodes_a_book_chunk_like_the_reference() => AssertChunk("qwen3", "qwen3");

    [RequiresTokenizerFact(NeedsSample = true)]
    public void Embedded_o200k_encodes_a_book_chunk_like_the_reference() => AssertChunk("o200k", "o200k");

    [RequiresTokenizerFact("llama3", "qwen3", "gpt4o", "deepseek_v3")]
    public void Loaded_files_are_the_ones_the_golden_ids_were_made_from()
    {
        foreach (var (golden, tokenizer) in (ReadOnlySpan<(string, string)>)[("llama3", "llama3"), ("qwen3", "qwen3"), ("o200k", "gpt4o"), ("deepseek_v3", "deepseek_v3")])
            Assert.Equal(GoldenFile.Load(golden).TokenizerSha256, TestTokenizers.Get(tokenizer).Info.Sha256);
    }

    private static void AssertCases(string goldenName, string tokenizerName)
    {
        var golden = GoldenFile.Load(goldenName);
        var tokenizer = TestTokenizers.Get(tokenizerName);
        var differences = new List<string>();
        var ids = new TokenBuffer();
        foreach (var c in golden.Cases)
        {
            ids.Clear();
            tokenizer.Encode(c.Text!, ids);
            if (IdComparison.Difference($"{tokenizerName}/{c.Name}", c.Ids, ids.Span) is { } difference)
                differences.Add(difference);
        }
        IdComparison.AssertNone(differences);
    }

    private static void AssertVariants(string baseName)
    {
        var golden = GoldenFile.Load(baseName);
        var texts = golden.Cases.ToDictionary(c => c.Name, c => c.Text!);
        Assert.NotEmpty(golden.Variants);
        var differences = new List<string>();
        var ids = new TokenBuffer();
        foreach (var variant in golden.Variants)
        {
            var tokenizer = TestTokenizers.Get(variant.Name);
            foreach (var c in variant.Cases)
            {
                ids.Clear();
                tokenizer.Encode(texts[c.Name], ids);
                if (IdComparison.Difference($"{variant.Name}/{c.Name}", c.Ids, ids.Span) is { } difference)
                    differences.Add(difference);
            }
        }
        IdComparison.AssertNone(differences);
    }

    private static void AssertDecode(string goldenName, string tokenizerName)
    {
        var tokenizer = TestTokenizers.Get(tokenizerName);
        foreach (var decode in GoldenFile.Load(goldenName).Decode)
            Assert.Equal(decode.Text, tokenizer.Decode(decode.Ids));
    }

    private static void AssertChunk(string goldenName, string tokenizerName)
    {
        var chunk = GoldenFile.Load(goldenName).SampleChunk ?? throw new InvalidOperationException("the golden file has no sample chunk: re-run make-golden.mjs with the sample present");
        var text = SampleBooks.Read(chunk.File);
        var end = Math.Min(chunk.MaxChars, text.Length);
        if (end < text.Length && char.IsHighSurrogate(text[end - 1]))
            end--;
        Assert.Equal(chunk.Chars, end);
        var ids = new TokenBuffer();
        TestTokenizers.Get(tokenizerName).Encode(text[..end], ids);
        Assert.Null(IdComparison.Difference($"{tokenizerName}/{chunk.File}", chunk.Ids, ids.Span));
    }
}
