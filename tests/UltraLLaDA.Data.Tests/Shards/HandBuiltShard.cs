using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace UltraLLaDA.Data.Tests.Shards;

/// <summary>
/// Builds ULDS bytes by hand from the spec, without the library's writer or zstd compressor: records
/// are stored in zstd "raw" blocks, which any zstd decoder reads. Tests use it for golden files and to
/// make precisely broken shards (a lying index, a segment table that disagrees, ...).
/// </summary>
public sealed class HandBuiltShard
{
    private readonly List<(byte[] Frame, uint N, uint S, uint Flags, ulong Hash)> _records = [];

    public HandBuiltShard(string headerJson) => HeaderJson = headerJson;

    public string HeaderJson { get; }

    public uint Version { get; set; } = 1;

    /// <summary>
    /// Adds a record. <paramref name="lieAboutHash"/> stores a wrong payload hash in the index,
    /// <paramref name="claimTokens"/> a wrong token count, <paramref name="trailingEmptyFrame"/> a second frame after the first.
    /// </summary>
    public HandBuiltShard Add(uint[] tokens, uint[] segmentIds, (ulong Doc, uint Offset, uint Length)[] segments, uint flags = 0, bool lieAboutHash = false, uint? claimTokens = null, bool trailingEmptyFrame = false)
    {
        var payload = new byte[(8 * tokens.Length) + (16 * segments.Length)];
        for (var i = 0; i < tokens.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(payload.AsSpan(4 * i), tokens[i]);
            BinaryPrimitives.WriteUInt32LittleEndian(payload.AsSpan((4 * tokens.Length) + (4 * i)), segmentIds[i]);
        }

        for (var k = 0; k < segments.Length; k++)
        {
            var at = payload.AsSpan((8 * tokens.Length) + (16 * k));
            BinaryPrimitives.WriteUInt64LittleEndian(at, segments[k].Doc);
            BinaryPrimitives.WriteUInt32LittleEndian(at[8..], segments[k].Offset);
            BinaryPrimitives.WriteUInt32LittleEndian(at[12..], segments[k].Length);
        }

        var hash = XxHash64.HashToUInt64(payload) ^ (lieAboutHash ? 1UL : 0UL);
        var frame = trailingEmptyFrame ? [.. RawZstdFrame(payload), .. RawZstdFrame([])] : RawZstdFrame(payload);
        _records.Add((frame, claimTokens ?? (uint)tokens.Length, (uint)segments.Length, flags, hash));
        return this;
    }

    public byte[] Build()
    {
        var file = new List<byte>();
        file.AddRange("ULDSHRD1"u8.ToArray());
        var header = Encoding.UTF8.GetBytes(HeaderJson);
        file.AddRange(U32(Version));
        file.AddRange(U32((uint)header.Length));
        file.AddRange(header);
        var index = new List<byte>();
        foreach (var (frame, n, s, flags, hash) in _records)
        {
            index.AddRange(U64((ulong)file.Count));
            index.AddRange(U32((uint)frame.Length));
            index.AddRange(U32(n));
            index.AddRange(U32(s));
            index.AddRange(U32(flags));
            index.AddRange(U64(hash));
            file.AddRange(frame);
        }

        var indexOffset = (ulong)file.Count;
        file.AddRange(index);
        file.AddRange(U64(indexOffset));
        file.AddRange(U64((ulong)_records.Count));
        file.AddRange(U64(XxHash64.HashToUInt64(index.ToArray())));
        file.AddRange("ULDSEND1"u8.ToArray());
        return [.. file];
    }

    /// <summary>A single-segment zstd frame holding <paramref name="content"/> in one raw (stored) block (RFC 8878 §3.1).</summary>
    public static byte[] RawZstdFrame(byte[] content)
    {
        if (content.Length >= 128 * 1024)
            throw new ArgumentException("one raw block holds at most 128 KiB", nameof(content));
        var frame = new List<byte> { 0x28, 0xB5, 0x2F, 0xFD };
        if (content.Length < 256)
        {
            frame.Add(0x20); // single segment, 1-byte content size
            frame.Add((byte)content.Length);
        }
        else
        {
            frame.Add(0xA0); // single segment, 4-byte content size
            frame.AddRange(U32((uint)content.Length));
        }

        var blockHeader = ((uint)content.Length << 3) | 1; // last block, type raw
        frame.Add((byte)blockHeader);
        frame.Add((byte)(blockHeader >> 8));
        frame.Add((byte)(blockHeader >> 16));
        frame.AddRange(content);
        return [.. frame];
    }

    private static byte[] U32(uint v)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, v);
        return b;
    }

    private static byte[] U64(ulong v)
    {
        var b = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(b, v);
        return b;
    }
}
