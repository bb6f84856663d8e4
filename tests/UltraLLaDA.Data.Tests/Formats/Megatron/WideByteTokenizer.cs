using UltraLLaDA.Data.Tests.Support;
using UltraLLaDA.Data.Tokenization;

namespace UltraLLaDA.Data.Tests.Formats.Megatron;

/// <summary>The byte tokenizer claiming a 100,000-id vocabulary, so Megatron's rule picks int32 tokens.</summary>
internal sealed class WideByteTokenizer : ITextTokenizer
{
    private readonly ByteTokenizer _inner = new();

    public TokenizerInfo Info { get; } = new("bytes-wide", new string('w', 64), 100_000, 1, "<eod>", "test tokenizer");

    public void Encode(string text, TokenBuffer ids) => _inner.Encode(text, ids);

    public string Decode(ReadOnlySpan<uint> ids) => _inner.Decode(ids);

    public ITextTokenizer CreateWorker() => new WideByteTokenizer();
}
