using System.Text;
using UltraLLaDA.Data.Tokenization;

namespace UltraLLaDA.Data.Tests.Support;

/// <summary>A trivial exact tokenizer for pipeline tests: one id per UTF-8 byte (byte + 3); EOD is 1, pad 0.</summary>
public sealed class ByteTokenizer : ITextTokenizer
{
    public TokenizerInfo Info { get; } = new("bytes", new string('b', 64), 259, 1, "<eod>", "test tokenizer");

    public static uint[] Ids(string text) => Encoding.UTF8.GetBytes(text).Select(b => (uint)b + 3).ToArray();

    public void Encode(string text, TokenBuffer ids)
    {
        foreach (var b in Encoding.UTF8.GetBytes(text))
            ids.Add((uint)b + 3);
    }

    public string Decode(ReadOnlySpan<uint> ids) => Encoding.UTF8.GetString(ids.ToArray().Where(i => i >= 3).Select(i => (byte)(i - 3)).ToArray());

    public ITextTokenizer CreateWorker() => new ByteTokenizer();
}
