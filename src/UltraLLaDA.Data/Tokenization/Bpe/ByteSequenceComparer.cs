using System.IO.Hashing;

namespace UltraLLaDA.Data.Tokenization.Bpe;

/// <summary>
/// Compares byte arrays by content and lets a dictionary keyed by <c>byte[]</c> be probed with a
/// <see cref="ReadOnlySpan{T}"/>, so looking a piece up in the vocabulary allocates nothing.
/// </summary>
internal sealed class ByteSequenceComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
{
    public static ByteSequenceComparer Instance { get; } = new();

    public bool Equals(byte[]? x, byte[]? y) => ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y));

    public int GetHashCode(byte[] obj) => GetHashCode(obj.AsSpan());

    public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

    public int GetHashCode(ReadOnlySpan<byte> alternate) => (int)XxHash3.HashToUInt64(alternate);

    public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
}
