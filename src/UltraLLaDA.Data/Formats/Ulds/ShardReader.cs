using System.Buffers.Binary;
using System.IO.Hashing;
using Microsoft.Win32.SafeHandles;
using ZstdSharp;

namespace UltraLLaDA.Data.Formats.Ulds;

/// <summary>
/// Reads a ULDS shard with random access: opening reads the preamble, header, footer and index and
/// checks them; each record then costs one positional read and one zstd frame. Safe to use from
/// several threads at once (positional reads, a decompressor per thread). Every problem is a
/// <see cref="ShardFormatException"/> naming the file and, where one is at fault, the record.
/// </summary>
public sealed class ShardReader : IDisposable
{
    [ThreadStatic]
    private static Decompressor? t_decompressor;

    [ThreadStatic]
    private static byte[]? t_frame;

    private readonly SafeFileHandle _file;
    private readonly IndexEntry[] _index;

    private ShardReader(string path, SafeFileHandle file, ShardHeader header, IndexEntry[] index, long length, long dataStart, long indexOffset)
    {
        FilePath = path;
        _file = file;
        Header = header;
        _index = index;
        Length = length;
        DataStart = dataStart;
        IndexOffset = indexOffset;
    }

    public string FilePath { get; }

    public ShardHeader Header { get; }

    public int RecordCount => _index.Length;

    public IReadOnlyList<IndexEntry> Index => _index;

    /// <summary>File size in bytes.</summary>
    public long Length { get; }

    /// <summary>Offset of the first record frame (end of the header).</summary>
    public long DataStart { get; }

    public long IndexOffset { get; }

    /// <summary>Opens and checks a shard's frame: magics, version, header, footer, index hash and index entries.</summary>
    public static ShardReader Open(string path) => Open(path, checkIndexHash: true);

    /// <summary>
    /// Opens a shard whose index hash may not match its footer, for diagnosis: every index entry is
    /// still checked (so a damaged entry is named by its record), and each record still checks its
    /// own payload hash. Verification uses it to tell which record a damaged index byte belongs to.
    /// </summary>
    internal static ShardReader OpenIgnoringIndexHash(string path) => Open(path, checkIndexHash: false);

    private static ShardReader Open(string path, bool checkIndexHash)
    {
        RecordPayload.EnsureLittleEndian();
        SafeFileHandle file;
        try
        {
            file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ShardFormatException(ShardFormatError.Unreadable, path, null, $"cannot open: {e.Message}", e);
        }

        try
        {
            return Load(path, file, checkIndexHash);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Reads, decompresses and checks record <paramref name="index"/>, reusing <paramref name="into"/> when given.</summary>
    public ShardRecord ReadRecord(int index, ShardRecord? into = null)
    {
        if ((uint)index >= (uint)_index.Length)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"{FilePath} holds {_index.Length} records.");
        var entry = _index[index];
        var record = into ?? new ShardRecord();
        var payload = record.Prepare(index, (int)entry.TokenCount, (int)entry.SegmentCount, entry.IsPadded);

        var frame = t_frame is { } f && f.Length >= entry.CompressedLength ? f : t_frame = new byte[Math.Max(entry.CompressedLength, 1 << 16)];
        var span = frame.AsSpan(0, (int)entry.CompressedLength);
        try
        {
            var total = 0;
            while (total < span.Length)
            {
                var read = RandomAccess.Read(_file, span[total..], (long)entry.Offset + total);
                if (read == 0)
                    throw Bad(index, $"the file ends inside the record's frame ({total} of {span.Length} bytes)");
                total += read;
            }
        }
        catch (IOException e) when (e is not ShardFormatException)
        {
            throw Bad(index, $"read failed: {e.Message}", e);
        }

        Decompress(index, span, payload);
        if (XxHash64.HashToUInt64(payload) != entry.Hash)
            throw Bad(index, "payload hash does not match the index (xxh64): the record is corrupt");

        var problem = RecordPayload.Validate(record.Tokens, record.SegmentIds, record.Segments, entry.IsPadded, Header.VocabSize);
        if (problem is not null)
            throw Bad(index, problem);
        record.ComputeBoundaries();
        return record;
    }

    /// <summary>Reads and checks every record in order.</summary>
    public IEnumerable<ShardRecord> ReadAll(bool reuse = false)
    {
        ShardRecord? buffer = null;
        for (var i = 0; i < _index.Length; i++)
        {
            var record = ReadRecord(i, reuse ? buffer : null);
            buffer = record;
            yield return record;
        }
    }

    public void Dispose() => _file.Dispose();

    private void Decompress(int index, ReadOnlySpan<byte> frame, Span<byte> payload)
    {
        ulong declared;
        nuint frameSize;
        unsafe
        {
            fixed (byte* source = frame)
            {
                frameSize = ZstdSharp.Unsafe.Methods.ZSTD_findFrameCompressedSize(source, (nuint)frame.Length);
                declared = ZstdSharp.Unsafe.Methods.ZSTD_getFrameContentSize(source, (nuint)frame.Length);
            }
        }

        if (ZstdSharp.Unsafe.Methods.ZSTD_isError(frameSize))
            throw Bad(index, "the record's bytes are not a valid zstd frame");
        if (frameSize != (nuint)frame.Length)
            throw Bad(index, $"the record's bytes are not exactly one zstd frame (frame of {frameSize} bytes in {frame.Length})");
        if (declared != (ulong)payload.Length)
            throw Bad(index, $"payload size is {DescribeSize(declared)}, the index implies {payload.Length} bytes (8 x {_index[index].TokenCount} tokens + 16 x {_index[index].SegmentCount} segments)");

        var decompressor = t_decompressor ??= new Decompressor();
        int written;
        try
        {
            written = decompressor.Unwrap(frame, payload);
        }
        catch (Exception e) when (e is ZstdException or ArgumentException)
        {
            throw Bad(index, $"zstd frame does not decompress: {e.Message}", e);
        }

        if (written != payload.Length)
            throw Bad(index, $"payload is {written} bytes, the index implies {payload.Length}");
    }

    private static string DescribeSize(ulong declared) => declared switch
    {
        ulong.MaxValue => "unknown (the frame has no content size)",
        ulong.MaxValue - 1 => "unreadable (bad frame header)",
        _ => $"{declared} bytes",
    };

    private ShardFormatException Bad(int index, string problem, Exception? inner = null) => new(FilePath, index, problem, inner);

    private static ShardReader Load(string path, SafeFileHandle file, bool checkIndexHash)
    {
        var length = RandomAccess.GetLength(file);
        if (length < ShardFormat.PreambleSize + ShardFormat.FooterSize)
            throw new ShardFormatException(ShardFormatError.Truncated, path, null, $"file is {length} bytes, too short to be a shard (truncated?)");

        Span<byte> preamble = stackalloc byte[ShardFormat.PreambleSize];
        ReadExactly(path, file, preamble, 0);
        if (!preamble[..8].SequenceEqual(ShardFormat.Magic))
            throw new ShardFormatException(ShardFormatError.Header, path, null, "bad magic: not a ULDS shard (expected \"ULDSHRD1\" at offset 0)");
        var version = BinaryPrimitives.ReadUInt32LittleEndian(preamble[8..]);
        if (version != ShardFormat.Version)
            throw new ShardFormatException(ShardFormatError.Header, path, null, $"unknown format version {version}; this reader knows version {ShardFormat.Version}");
        var headerLength = BinaryPrimitives.ReadUInt32LittleEndian(preamble[12..]);
        var dataStart = ShardFormat.PreambleSize + (long)headerLength;
        if (headerLength > ShardFormat.MaxHeaderLength || dataStart + ShardFormat.FooterSize > length)
            throw new ShardFormatException(ShardFormatError.Header, path, null, $"header length {headerLength} does not fit in a file of {length} bytes");
        var headerBytes = new byte[headerLength];
        ReadExactly(path, file, headerBytes, ShardFormat.PreambleSize);
        var header = ShardHeaderJson.Parse(headerBytes, path);

        Span<byte> footer = stackalloc byte[ShardFormat.FooterSize];
        ReadExactly(path, file, footer, length - ShardFormat.FooterSize);
        if (!footer[24..].SequenceEqual(ShardFormat.EndMagic))
            throw new ShardFormatException(ShardFormatError.Footer, path, null, "bad end magic: the footer is missing or damaged (truncated or incompletely written file?)");
        var indexOffset = BinaryPrimitives.ReadUInt64LittleEndian(footer);
        var count = BinaryPrimitives.ReadUInt64LittleEndian(footer[8..]);
        var indexHash = BinaryPrimitives.ReadUInt64LittleEndian(footer[16..]);
        var indexEnd = (ulong)(length - ShardFormat.FooterSize);
        if (indexOffset < (ulong)dataStart || indexOffset > indexEnd || count != (indexEnd - indexOffset) / ShardFormat.IndexEntrySize
            || (indexEnd - indexOffset) % ShardFormat.IndexEntrySize != 0)
            throw new ShardFormatException(ShardFormatError.Footer, path, null, $"footer is inconsistent: index at {indexOffset} with {count} entries does not end where the footer begins ({indexEnd})");

        var indexBytes = new byte[(int)(indexEnd - indexOffset)];
        ReadExactly(path, file, indexBytes, (long)indexOffset);
        if (checkIndexHash && XxHash64.HashToUInt64(indexBytes) != indexHash)
            throw new ShardFormatException(ShardFormatError.IndexHash, path, null, "index hash does not match the footer (xxh64): the index is corrupt");

        var index = new IndexEntry[count];
        var expectedOffset = (ulong)dataStart;
        for (var i = 0; i < index.Length; i++)
        {
            var e = indexBytes.AsSpan(i * ShardFormat.IndexEntrySize, ShardFormat.IndexEntrySize);
            var entry = new IndexEntry(
                BinaryPrimitives.ReadUInt64LittleEndian(e),
                BinaryPrimitives.ReadUInt32LittleEndian(e[8..]),
                BinaryPrimitives.ReadUInt32LittleEndian(e[12..]),
                BinaryPrimitives.ReadUInt32LittleEndian(e[16..]),
                BinaryPrimitives.ReadUInt32LittleEndian(e[20..]),
                BinaryPrimitives.ReadUInt64LittleEndian(e[24..]));
            index[i] = entry;
            CheckEntry(path, header, i, index.Length, entry, expectedOffset, indexOffset);
            expectedOffset = entry.Offset + entry.CompressedLength;
        }

        if (expectedOffset != indexOffset)
            throw new ShardFormatException(ShardFormatError.Layout, path, null, $"{indexOffset - expectedOffset} bytes lie between the last record and the index");
        return new ShardReader(path, file, header, index, length, dataStart, (long)indexOffset);
    }

    private static void CheckEntry(string path, ShardHeader header, int i, int count, IndexEntry entry, ulong expectedOffset, ulong indexOffset)
    {
        string? problem = null;
        if (entry.Offset != expectedOffset)
            problem = $"index says the frame starts at {entry.Offset}, but the previous record ends at {expectedOffset}";
        else if (entry.CompressedLength == 0 || entry.Offset + entry.CompressedLength > indexOffset)
            problem = $"index says the frame is {entry.CompressedLength} bytes at {entry.Offset}, which does not fit before the index at {indexOffset}";
        else if (entry.TokenCount == 0 || entry.TokenCount > (uint)header.SeqLen)
            problem = $"index says {entry.TokenCount} tokens; a record holds 1..{header.SeqLen} (seq_len)";
        else if (i < count - 1 && entry.TokenCount != (uint)header.SeqLen)
            problem = $"index says {entry.TokenCount} tokens, but only the last record of a shard may be shorter than seq_len {header.SeqLen}";
        else if (entry.SegmentCount > entry.TokenCount)
            problem = $"index says {entry.SegmentCount} segments in {entry.TokenCount} tokens";
        else if ((entry.Flags & ~ShardFormat.PaddedFlag) != 0)
            problem = $"index flags are 0x{entry.Flags:x}; only bit 0 (padded tail) is defined";
        else if (entry.IsPadded && entry.TokenCount != (uint)header.SeqLen)
            problem = $"a padded record must hold seq_len {header.SeqLen} tokens, the index says {entry.TokenCount}";
        if (problem is not null)
            throw new ShardFormatException(ShardFormatError.IndexEntry, path, i, problem);
    }

    private static void ReadExactly(string path, SafeFileHandle file, Span<byte> buffer, long offset)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = RandomAccess.Read(file, buffer[total..], offset + total);
            if (read == 0)
                throw new ShardFormatException(ShardFormatError.Truncated, path, null, $"unexpected end of file at offset {offset + total} (truncated?)");
            total += read;
        }
    }
}
