using System.Runtime.InteropServices;
using System.Security.Cryptography;
using UltraLLaDA.Data.Tokenization;

namespace UltraLLaDA.Data.Tests.Tokenization;

/// <summary>
/// Every book of ../shared/pg19-sample/train, encoded whole, gives the reference's id sequence: the
/// golden files hold its length and the SHA-256 of the ids as little-endian uint32.
/// </summary>
public sealed class GoldenBookTests
{
    [RequiresTokenizerFact("llama3", NeedsSample = true)]
    public void Llama3_encodes_every_sample_book_like_the_reference() => AssertBooks("llama3", "llama3");

    [RequiresTokenizerFact("qwen3", NeedsSample = true)]
    public void Qwen3_encodes_every_sample_book_like_the_reference() => AssertBooks("qwen3", "qwen3");

    [RequiresTokenizerFact("deepseek_v3", NeedsSample = true)]
    public void DeepSeek_v3_encodes_every_sample_book_like_the_reference() => AssertBooks("deepseek_v3", "deepseek_v3");

    [RequiresTokenizerFact(NeedsSample = true)]
    public void Embedded_o200k_encodes_every_sample_book_like_the_reference() => AssertBooks("o200k", "o200k");

    private static void AssertBooks(string goldenName, string tokenizerName)
    {
        var books = GoldenFile.Load(goldenName).Books;
        Assert.NotEmpty(books);
        var tokenizer = TestTokenizers.Get(tokenizerName);
        var ids = new TokenBuffer(1 << 20);
        var differences = new List<string>();
        foreach (var book in books)
        {
            var text = SampleBooks.Read(book.File);
            ids.Clear();
            tokenizer.Encode(text, ids);
            var sha256 = Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(ids.Span)));
            if (text.Length != book.Chars || ids.Count != book.Count || sha256 != book.Sha256)
                differences.Add($"{tokenizerName}/{book.File}: {text.Length} chars, {ids.Count} ids, sha256 {sha256}; expected {book.Chars} chars, {book.Count} ids, sha256 {book.Sha256}");
        }
        IdComparison.AssertNone(differences);
    }
}
