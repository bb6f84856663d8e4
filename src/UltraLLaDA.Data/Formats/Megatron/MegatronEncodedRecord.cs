using System.Buffers;

namespace UltraLLaDA.Data.Formats.Megatron;

/// <summary>One document's token stream, copied out of its packed record into a pooled buffer until its pair's writer takes it.</summary>
internal sealed class MegatronEncodedRecord : IEncodedRecord
{
    private uint[]? _tokens;

    public MegatronEncodedRecord(ReadOnlySpan<uint> tokens)
    {
        _tokens = ArrayPool<uint>.Shared.Rent(Math.Max(1, tokens.Length));
        tokens.CopyTo(_tokens);
        TokenCount = (uint)tokens.Length;
    }

    public uint TokenCount { get; }

    public ReadOnlySpan<uint> Tokens => (_tokens ?? throw new ObjectDisposedException(nameof(MegatronEncodedRecord))).AsSpan(0, (int)TokenCount);

    public void Dispose()
    {
        if (_tokens is { } tokens)
            ArrayPool<uint>.Shared.Return(tokens);
        _tokens = null;
    }
}
