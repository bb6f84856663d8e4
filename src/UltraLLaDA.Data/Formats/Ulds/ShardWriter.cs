using System.Buffers.Binary;
using System.IO.Hashing;
using System.Security.Cryptography;
using UltraLLaDA.Data.Output;
using UltraLLaDA.Data.Packing;

namespace UltraLLaDA.Data.Formats.Ulds;

/// <summary>
/// Writes one shard as a stream: preamble and header first, then each record's frame as it comes, and
/// the index and footer on <see cref="Complete"/>. A file-backed writer writes to a temporary name
/// beside the final one and renames it only once the file is complete and flushed to disk, so a crash
/// never leaves a half-written shard under a name a reader would take for a whole one.
/// </summary>
public sealed class ShardWriter : IDisposable
{
    /// <summary>Suffix of a shard that is still being written.</summary>
    public const string PartialSuffix = ".partial";

    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly string? _finalPath;
    private readonly string? _partialPath;
    private readonly IFileSystemSteps _steps = FileSystemSteps.Current;
    private readonly RecordEncoder _encoder;
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly List<IndexEntry> _index = [];
    private long _position;
    private long _tokens;
    private bool _completed;
    private bool _disposed;

    /// <summary>Writes a shard to <paramref name="stream"/> (left open when <paramref name="leaveOpen"/>).</summary>
    public ShardWriter(Stream stream, ShardHeader header, int zstdLevel = RecordEncoder.DefaultLevel, bool leaveOpen = false)
        : this(stream, header, zstdLevel, !leaveOpen, null, null)
    {
    }

    private ShardWriter(Stream stream, ShardHeader header, int zstdLevel, bool ownsStream, string? finalPath, string? partialPath)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(header);
        _stream = stream;
        _ownsStream = ownsStream;
        _finalPath = finalPath;
        _partialPath = partialPath;
        Header = header;
        _encoder = new RecordEncoder(header.VocabSize, zstdLevel);
        WritePreamble(header);
    }

    /// <summary>
    /// For tests, in the current async flow only: wraps the stream of each partial file this flow opens,
    /// e.g. to make writes fail as on a full disk. Unset in normal use.
    /// </summary>
    internal static AsyncLocal<Func<string, Stream, Stream>?> WrapPartialFile { get; } = new();

    public ShardHeader Header { get; }

    public int RecordCount => _index.Count;

    /// <summary>
    /// Starts a shard at <paramref name="path"/>: bytes go to <c>path.partial</c> until <see cref="Complete"/>
    /// renames it. A stale partial file from a crashed run is replaced.
    /// </summary>
    public static ShardWriter Create(string path, ShardHeader header, int zstdLevel = RecordEncoder.DefaultLevel)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var partial = full + PartialSuffix;
        var steps = FileSystemSteps.Current;
        Stream stream = steps.Create(partial, FileShare.None, 1 << 20, FileOptions.SequentialScan);
        if (WrapPartialFile.Value is { } wrap)
            stream = wrap(partial, stream);
        try
        {
            return new ShardWriter(stream, header, zstdLevel, true, full, partial);
        }
        catch
        {
            stream.Dispose();
            steps.Delete(partial);
            throw;
        }
    }

    /// <summary>Encodes and appends one record.</summary>
    public void Write(PackedRecord record)
    {
        using var encoded = _encoder.Encode(record);
        Append(encoded);
    }

    /// <summary>Encodes and appends one record given as spans.</summary>
    public void Write(ReadOnlySpan<uint> tokens, ReadOnlySpan<uint> segmentIds, ReadOnlySpan<Segment> segments, bool padded)
    {
        using var encoded = _encoder.Encode(tokens, segmentIds, segments, padded);
        Append(encoded);
    }

    /// <summary>Appends a record encoded elsewhere (e.g. on a compression worker). Does not dispose it.</summary>
    public void Append(EncodedRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        ThrowIfClosed();
        if (record.TokenCount > Header.SeqLen)
            throw new ArgumentException($"a record of {record.TokenCount} tokens does not fit seq_len {Header.SeqLen}.", nameof(record));
        if (_index.Count > 0 && _index[^1].TokenCount != Header.SeqLen)
            throw new InvalidOperationException("only the last record of a shard may be shorter than seq_len, and a short one was already written.");
        _index.Add(new IndexEntry((ulong)_position, (uint)record.FrameLength, record.TokenCount, record.SegmentCount, record.Flags, record.Hash));
        _tokens += record.TokenCount;
        Put(record.Frame);
    }

    /// <summary>Writes the index and footer, flushes to disk and (file-backed) renames the shard into place.</summary>
    public ShardSummary Complete()
    {
        ThrowIfClosed();
        var indexOffset = _position;
        var index = new byte[_index.Count * ShardFormat.IndexEntrySize];
        for (var i = 0; i < _index.Count; i++)
        {
            var e = _index[i];
            var entry = index.AsSpan(i * ShardFormat.IndexEntrySize, ShardFormat.IndexEntrySize);
            BinaryPrimitives.WriteUInt64LittleEndian(entry, e.Offset);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[8..], e.CompressedLength);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[12..], e.TokenCount);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[16..], e.SegmentCount);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[20..], e.Flags);
            BinaryPrimitives.WriteUInt64LittleEndian(entry[24..], e.Hash);
        }

        Put(index);
        Span<byte> footer = stackalloc byte[ShardFormat.FooterSize];
        BinaryPrimitives.WriteUInt64LittleEndian(footer, (ulong)indexOffset);
        BinaryPrimitives.WriteUInt64LittleEndian(footer[8..], (ulong)_index.Count);
        BinaryPrimitives.WriteUInt64LittleEndian(footer[16..], XxHash64.HashToUInt64(index));
        ShardFormat.EndMagic.CopyTo(footer[24..]);
        Put(footer);

        _steps.FlushToDisk(_stream);
        _completed = true;
        if (_ownsStream)
            _stream.Dispose();
        if (_finalPath is not null)
            _steps.Move(_partialPath!, _finalPath);

        return new ShardSummary(_finalPath, _index.Count, _tokens, _position, Convert.ToHexStringLower(_sha256.GetHashAndReset()));
    }

    /// <summary>Closes the writer; an incomplete file-backed shard is deleted, never left behind.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _encoder.Dispose();
        _sha256.Dispose();
        if (_completed)
            return;
        try
        {
            if (_ownsStream)
                _stream.Dispose();
        }
        catch (IOException) when (_partialPath is not null)
        {
            // Flushing what is left failed (a full disk): the file is being discarded and the write
            // error was already reported, so delete it rather than leave it taking up the space.
        }

        if (_partialPath is not null)
            _steps.Delete(_partialPath);
    }

    private void WritePreamble(ShardHeader header)
    {
        var json = ShardHeaderJson.Serialize(header);
        Span<byte> preamble = stackalloc byte[ShardFormat.PreambleSize];
        ShardFormat.Magic.CopyTo(preamble);
        BinaryPrimitives.WriteUInt32LittleEndian(preamble[8..], ShardFormat.Version);
        BinaryPrimitives.WriteUInt32LittleEndian(preamble[12..], (uint)json.Length);
        Put(preamble);
        Put(json);
    }

    private void Put(ReadOnlySpan<byte> bytes)
    {
        _stream.Write(bytes);
        _sha256.AppendData(bytes);
        _position += bytes.Length;
    }

    private void ThrowIfClosed()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed)
            throw new InvalidOperationException("the shard is already complete.");
    }
}
