using System.Buffers;

namespace UltraLLaDA.Data.Formats.Ulds;

/// <summary>
/// A record compressed and hashed, ready to be appended to a shard. Encoding is the expensive part of
/// writing and can run on any thread; appending is a copy. The frame buffer is pooled: dispose the
/// record (the writer does) to hand it back.
/// </summary>
public sealed class EncodedRecord : IEncodedRecord
{
    private byte[]? _frame;

    internal EncodedRecord(byte[] frame, int frameLength, uint tokenCount, uint segmentCount, uint flags, ulong hash)
    {
        _frame = frame;
        FrameLength = frameLength;
        TokenCount = tokenCount;
        SegmentCount = segmentCount;
        Flags = flags;
        Hash = hash;
    }

    public int FrameLength { get; }

    public uint TokenCount { get; }

    public uint SegmentCount { get; }

    public uint Flags { get; }

    /// <summary>XXH64 of the decompressed payload.</summary>
    public ulong Hash { get; }

    public ReadOnlySpan<byte> Frame => (_frame ?? throw new ObjectDisposedException(nameof(EncodedRecord))).AsSpan(0, FrameLength);

    public void Dispose()
    {
        var frame = Interlocked.Exchange(ref _frame, null);
        if (frame is not null)
            ArrayPool<byte>.Shared.Return(frame);
    }
}
