using UltraLLaDA.Data.Tests.Support;
using UltraLLaDA.Data.Tests.Tokenization;
using UltraLLaDA.Data.Tokenization;

namespace UltraLLaDA.Data.Tests.Evaluation;

/// <summary>The tokenizers the set makers are tested with, by short name, and the spec a set records for each.</summary>
internal static class EvalTestTokenizers
{
    /// <summary>The spec to pass as --tokenizer: "o200k" (embedded), "bytes", "tiny" (TestData), or a .tokenizers/ name.</summary>
    public static string Spec(string name) => name switch
    {
        "o200k" => TokenizerLoader.DefaultName,
        "bytes" => "bytes",
        "tiny" => TestPaths.TokenizerTestData("tiny.tokenizer.json"),
        _ => TestPaths.TokenizerJson(name),
    };

    public static ITextTokenizer Load(string name) => name is "o200k" or "llama3" or "qwen3" or "gpt4o" or "deepseek_v3"
        ? TestTokenizers.Get(name)
        : TokenizerLoader.Load(Spec(name));

    public static uint[] Encode(ITextTokenizer tokenizer, string text)
    {
        var buffer = new TokenBuffer();
        tokenizer.Encode(text, buffer);
        return buffer.ToArray();
    }

    /// <summary>samples/pg19-mini in the repository.</summary>
    public static string MiniCorpus => Path.Combine(TestPaths.RepoRoot, "samples", "pg19-mini");
}
