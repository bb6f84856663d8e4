using System.Security.Cryptography;
using System.Text;

namespace UltraLLaDA.Data.Tokenization;

/// <summary>
/// The built-in tokenizer "bytes", for CPU-sized experiments: one id per UTF-8 byte (byte + 3), 0 pad, 1 end
/// of document, 2 unused; 259 ids. A `tiny` model learns it in minutes (see docs/training.md). Its fingerprint is the SHA-256 of its
/// definition string, so shards made with it are recognised as such.
/// </summary>
public sealed class Utf8ByteTokenizer : ITextTokenizer
{
    /// <summary>Its built-in name (--tokenizer bytes).</summary>
    public const string Name = "bytes";

    public const string Definition = "ultrallada byte-level tokenizer v1: id = utf8 byte + 3; 0 = pad, 1 = eod, 2 = unused; vocab 259";
    public const uint PadId = 0;
    public const uint EodId = 1;
    public const int Vocabulary = 259;

    public TokenizerInfo Info { get; } = new(
        Name,
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Definition))),
        Vocabulary,
        (int)EodId,
        "<eod>",
        "byte-level tokenizer: id 1 ends every document")
    {
        EodRule = EodRule.SpecialToken,
    };

    public void Encode(string text, TokenBuffer ids)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(ids);
        foreach (var b in Encoding.UTF8.GetBytes(text))
            ids.Add((uint)b + 3);
    }

    public string Decode(ReadOnlySpan<uint> ids)
    {
        var bytes = new List<byte>(ids.Length);
        var text = new StringBuilder();
        foreach (var id in ids)
        {
            if (id >= 3 && id < Vocabulary)
            {
                bytes.Add((byte)(id - 3));
                continue;
            }

            text.Append(Encoding.UTF8.GetString([.. bytes]));
            bytes.Clear();
            text.Append(id switch { EodId => "<eod>", PadId => "<pad>", _ => $"<{id}>" });
        }

        return text.Append(Encoding.UTF8.GetString([.. bytes])).ToString();
    }

    public ITextTokenizer CreateWorker() => new Utf8ByteTokenizer();
}
