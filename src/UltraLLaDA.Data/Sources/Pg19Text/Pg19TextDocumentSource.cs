using System.Buffers;
using System.Runtime.CompilerServices;

namespace UltraLLaDA.Data.Sources.Pg19Text;

/// <summary>
/// The original PG-19 release: <c>&lt;root&gt;/&lt;split&gt;/&lt;id&gt;.txt</c>, one book per file, with titles,
/// years and URLs from <c>&lt;root&gt;/metadata.csv</c> (see <see cref="Pg19MetadataCsv"/>).
/// </summary>
/// <remarks>
/// <para>A file is read whole (one book) and decoded as UTF-8. Invalid UTF-8 does not stop the run: each maximal
/// invalid sequence becomes U+FFFD, exactly as <see cref="System.Text.Encoding.UTF8"/> decodes, and is counted in
/// <see cref="SourceStats.InvalidUtf8Sequences"/> and <see cref="SourceStats.DocumentsWithInvalidUtf8"/>, so a
/// damaged corpus shows in the run's numbers. A leading BOM is removed and counted; CRLF is kept.</para>
/// <para>The id is the file name without ".txt"; a file with no metadata row is read with null title, URL and
/// date and counted in <see cref="SourceStats.DocumentsWithoutMetadata"/>. Counting a file needs no I/O: it is one
/// document.</para>
/// </remarks>
internal sealed class Pg19TextDocumentSource(
    string inputPath, string split, IReadOnlyList<SourceFile> files, PartitionSpec partition,
    IReadOnlyDictionary<string, Pg19BookMetadata> metadata)
    : FileDocumentSource(inputPath, split, SourceLayout.Pg19Text, files, partition)
{
    /// <summary>The metadata file, directly in the input root.</summary>
    public const string MetadataFileName = "metadata.csv";

    /// <summary>The file extension this layout reads.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".txt"];

    /// <summary>The .txt files of a split: everything under <c>&lt;root&gt;/&lt;split&gt;/</c>, paths relative to the root.</summary>
    public static IReadOnlyList<SourceFile> FilesOf(string root, string split)
    {
        string folder = Path.Combine(root, split);
        if (!Directory.Exists(folder))
            return [];
        return [.. InputFiles.Find(folder, Extensions)
            .Select(f => f.File with { RelativePath = $"{split}/{f.File.RelativePath}" })];
    }

    protected override ValueTask<long> CountDocumentsAsync(SourceFile file, CancellationToken cancellationToken) =>
        ValueTask.FromResult(1L);

    protected override async IAsyncEnumerable<SourceDocument> ReadFileAsync(
        SourceFile file, long firstOrdinal, long startOrdinal, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (firstOrdinal < startOrdinal)
            yield break; // its one document lies before the start
        var (bytes, length) = await ReadPooledAsync(file.FullPath, cancellationToken).ConfigureAwait(false);
        string text;
        try
        {
            text = Decode(bytes.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }

        string name = Path.GetFileNameWithoutExtension(file.FullPath);
        Pg19BookMetadata? book = null;
        if (Pg19MetadataCsv.CanonicalId(name) is not { } id || !metadata.TryGetValue(id, out book))
            Stats.AddDocumentWithoutMetadata();
        yield return new SourceDocument(
            firstOrdinal, text, file.RelativePath, 0, book?.Title, book?.Url, book?.PublicationDate, Id: name);
    }

    /// <summary>
    /// The whole file in a pooled buffer. The text is decoded into a string right away, so reusing
    /// the bytes' buffer saves allocating (and zeroing) a large array for every book.
    /// </summary>
    private static async Task<(byte[] Buffer, int Length)> ReadPooledAsync(string path, CancellationToken cancellationToken)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        long size = RandomAccess.GetLength(handle);
        if (size > Array.MaxLength)
            throw new IOException($"{path} is {size:N0} bytes; a book file must be under 2 GB.");
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Max(size, 1));
        int length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    // The file grew since its size was taken: keep reading what is there.
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, Array.MaxLength));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                int read = await RandomAccess.ReadAsync(handle, buffer.AsMemory(length), length, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                    return (buffer, length);
                length += read;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    private string Decode(ReadOnlySpan<byte> bytes)
    {
        // Dropping the BOM's bytes before decoding saves copying a whole book to drop its first char.
        if (bytes.StartsWith(LeadingBom.Utf8))
        {
            bytes = bytes[LeadingBom.Utf8.Length..];
            Stats.AddBomRemoved();
        }

        string text = Utf8TextDecoder.Decode(bytes, out int invalid);
        Stats.AddInvalidUtf8(invalid);
        return text;
    }
}
