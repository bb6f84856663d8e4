using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using UltraLLaDA.Data.Output;

namespace UltraLLaDA.Data.Formats.Megatron;

/// <summary>
/// Writes one Megatron-core IndexedDataset (<c>PREFIX.bin</c> + <c>PREFIX.idx</c>) the way
/// <c>IndexedDatasetBuilder.add_document</c> + <c>finalize</c> do, one sequence per document: the
/// tokens go to the .bin as they come, the index is written on <see cref="Complete"/>. Both files are
/// written under <c>.partial</c> names, flushed to disk and only then renamed (the .bin first, the .idx
/// last, so a present .idx means a whole pair); an abandoned writer deletes its partial files.
/// </summary>
public sealed class MegatronWriter : IDisposable
{
    /// <summary>Suffix of a file that is still being written.</summary>
    public const string PartialSuffix = ".partial";

    /// <summary>Tokens converted per write: the one scratch buffer the writer owns.</summary>
    private const int ChunkTokens = 1 << 15;

    private readonly Stream _data;
    private readonly string _dataPartial;
    private readonly string _indexPartial;
    private readonly IFileSystemSteps _steps = FileSystemSteps.Current;
    private readonly byte[] _scratch;
    private readonly IncrementalHash _dataHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly List<int> _lengths = [];
    private readonly int _itemSize;
    private readonly long _maxId;
    private long _tokens;
    private bool _failed;
    private bool _completed;
    private bool _disposed;

    private MegatronWriter(string prefix, MegatronDType dtype, Stream data, string dataPartial, string indexPartial)
    {
        Prefix = prefix;
        DType = dtype;
        _data = data;
        _dataPartial = dataPartial;
        _indexPartial = indexPartial;
        _itemSize = MegatronDTypes.Size(dtype);
        _maxId = MegatronDTypes.MaxTokenId(dtype);
        _scratch = new byte[ChunkTokens * _itemSize];
    }

    /// <summary>
    /// For tests, in the current async flow only: wraps the stream of each partial file this flow opens,
    /// e.g. to make writes fail as on a full disk. Unset in normal use.
    /// </summary>
    internal static AsyncLocal<Func<string, Stream, Stream>?> WrapPartialFile { get; } = new();

    /// <summary>The dataset prefix: the final paths are this plus .bin and .idx.</summary>
    public string Prefix { get; }

    public MegatronDType DType { get; }

    /// <summary>Documents (one sequence each) added so far.</summary>
    public int DocumentCount => _lengths.Count;

    /// <summary>Tokens added so far.</summary>
    public long TokenCount => _tokens;

    /// <summary>
    /// Starts a dataset at <paramref name="prefix"/> with token type <paramref name="dtype"/> (uint16 or
    /// int32, what Megatron's rule picks). Stale partial files of a crashed run are replaced.
    /// </summary>
    public static MegatronWriter Create(string prefix, MegatronDType dtype)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        if (dtype is not (MegatronDType.UInt16 or MegatronDType.Int32))
            throw new ArgumentException($"token dtype {dtype} is not one Megatron writes for tokens (uint16 or int32).", nameof(dtype));
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("the Megatron writer needs a little-endian machine.");
        var full = Path.GetFullPath(prefix);
        var dataPartial = MegatronIndexLayout.DataPath(full) + PartialSuffix;
        var indexPartial = MegatronIndexLayout.IndexPath(full) + PartialSuffix;
        var steps = FileSystemSteps.Current;
        steps.Delete(indexPartial);
        Stream data = steps.Create(dataPartial, FileShare.None, 1 << 20, FileOptions.SequentialScan);
        if (WrapPartialFile.Value is { } wrap)
            data = wrap(dataPartial, data);
        return new MegatronWriter(full, dtype, data, dataPartial, indexPartial);
    }

    /// <summary>
    /// Appends one document as one sequence: its token stream exactly as given (the caller appends the
    /// EOD where the layout has one). The span is only read during the call.
    /// </summary>
    public void AddDocument(ReadOnlySpan<uint> stream)
    {
        ThrowIfClosed();
        if (_lengths.Count == int.MaxValue)
            throw new InvalidOperationException("a Megatron dataset holds at most int.MaxValue sequences.");
        _failed = true; // cleared below: a document cut short by an error leaves the writer unusable
        for (var start = 0; start < stream.Length; start += ChunkTokens)
        {
            var chunk = stream.Slice(start, Math.Min(ChunkTokens, stream.Length - start));
            var bytes = _scratch.AsSpan(0, chunk.Length * _itemSize);
            Convert(chunk, bytes, start);
            _data.Write(bytes);
            _dataHash.AppendData(bytes);
        }

        _lengths.Add(stream.Length);
        _tokens += stream.Length;
        _failed = false;
    }

    /// <summary>Writes the index, flushes both files to disk and renames them into place.</summary>
    public MegatronSummary Complete()
    {
        ThrowIfClosed();
        if (_failed)
            throw new InvalidOperationException("a document failed to be written: the dataset cannot be completed.");
        var index = BuildIndex(_lengths, DType);

        _steps.FlushToDisk(_data);
        _data.Dispose();
        using (var stream = OpenIndexPartial())
        {
            stream.Write(index);
            _steps.FlushToDisk(stream);
        }

        var dataPath = MegatronIndexLayout.DataPath(Prefix);
        var indexPath = MegatronIndexLayout.IndexPath(Prefix);
        _steps.Move(_dataPartial, dataPath);
        _steps.Move(_indexPartial, indexPath);
        _completed = true;
        return new MegatronSummary(
            Prefix,
            _lengths.Count,
            _tokens,
            DType,
            new MegatronFileSummary(dataPath, _tokens * _itemSize, System.Convert.ToHexStringLower(_dataHash.GetHashAndReset())),
            new MegatronFileSummary(indexPath, index.Length, System.Convert.ToHexStringLower(SHA256.HashData(index))));
    }

    /// <summary>
    /// The .idx bytes for one sequence per document, exactly as Megatron's <c>_IndexWriter.write</c> lays
    /// them out (document_indices = 0, 1, ..., n: each add_document appends the running sequence count).
    /// </summary>
    public static byte[] BuildIndex(IReadOnlyList<int> lengths, MegatronDType dtype)
    {
        ArgumentNullException.ThrowIfNull(lengths);
        var count = lengths.Count;
        var index = new byte[MegatronIndexLayout.IndexSize(count, count + 1L)];
        var span = index.AsSpan();
        MegatronIndexLayout.Magic.CopyTo(span);
        BinaryPrimitives.WriteUInt64LittleEndian(span[9..], MegatronIndexLayout.Version);
        span[17] = (byte)dtype;
        BinaryPrimitives.WriteUInt64LittleEndian(span[18..], (ulong)count);
        BinaryPrimitives.WriteUInt64LittleEndian(span[26..], (ulong)count + 1);

        var sizes = span.Slice(MegatronIndexLayout.HeaderSize, count * sizeof(int));
        var pointers = span.Slice(MegatronIndexLayout.HeaderSize + sizes.Length, count * sizeof(long));
        var documents = span[(MegatronIndexLayout.HeaderSize + sizes.Length + pointers.Length)..];
        long itemSize = MegatronDTypes.Size(dtype);
        long pointer = 0;
        for (var i = 0; i < count; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(sizes[(i * sizeof(int))..], lengths[i]);
            BinaryPrimitives.WriteInt64LittleEndian(pointers[(i * sizeof(long))..], pointer);
            pointer += lengths[i] * itemSize;
        }

        for (var i = 0; i <= count; i++)
            BinaryPrimitives.WriteInt64LittleEndian(documents[(i * sizeof(long))..], i);
        return index;
    }

    /// <summary>Closes the writer; an incomplete dataset's partial files are deleted, never left behind.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _dataHash.Dispose();
        if (_completed)
            return;
        try
        {
            _data.Dispose();
        }
        catch (IOException)
        {
            // Flushing what is left failed (a full disk): the file is being discarded and the write
            // error was already reported, so delete it rather than leave it taking up the space.
        }

        _steps.Delete(_dataPartial);
        _steps.Delete(_indexPartial);
    }

    private void Convert(ReadOnlySpan<uint> tokens, Span<byte> bytes, int firstToken)
    {
        if (DType == MegatronDType.Int32)
        {
            for (var i = 0; i < tokens.Length; i++)
            {
                if (tokens[i] > _maxId)
                    throw TooLarge(tokens[i], firstToken + i);
            }

            // Ids below 2^31 have the same bytes as uint32 and int32 (little-endian, checked at Create).
            MemoryMarshal.AsBytes(tokens).CopyTo(bytes);
            return;
        }

        var narrow = MemoryMarshal.Cast<byte, ushort>(bytes);
        for (var i = 0; i < tokens.Length; i++)
        {
            var id = tokens[i];
            if (id > _maxId)
                throw TooLarge(id, firstToken + i);
            narrow[i] = (ushort)id;
        }
    }

    private ArgumentException TooLarge(uint id, int position) =>
        new($"document {_lengths.Count}, token {position}: id {id} does not fit the {MegatronDTypes.NumpyName(DType)} token type (at most {_maxId}).", "stream");

    private Stream OpenIndexPartial()
    {
        var stream = _steps.Create(_indexPartial, FileShare.None, 1 << 16);
        return WrapPartialFile.Value is { } wrap ? wrap(_indexPartial, stream) : stream;
    }

    private void ThrowIfClosed()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed)
            throw new InvalidOperationException("the dataset is already complete.");
    }
}
