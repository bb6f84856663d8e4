using System.Runtime.CompilerServices;
using Parquet;

namespace UltraLLaDA.Data.Sources.HuggingFaceParquet;

/// <summary>
/// Hugging Face PG-19 Parquet (<c>short_book_title, publication_date, url, text</c>), one row group at a time.
/// </summary>
/// <remarks>
/// Texts are decoded from UTF-8 by Parquet.Net (the STRING type requires valid UTF-8; invalid bytes would become
/// U+FFFD without being counted). <see cref="SourceDocument.Id"/> is the last segment of the URL, as HF PG-19 has no
/// id column. Row counts come from the footer, so files and row groups before the start ordinal or outside the
/// partition are passed over without reading their pages.
/// </remarks>
internal sealed class ParquetDocumentSource(string inputPath, string split, IReadOnlyList<SourceFile> files, PartitionSpec partition)
    : FileDocumentSource(inputPath, split, SourceLayout.Parquet, files, partition)
{
    /// <summary>The file extension this layout reads.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".parquet"];

    protected override async ValueTask<long> CountDocumentsAsync(SourceFile file, CancellationToken cancellationToken)
    {
        var reader = await OpenAsync(file.FullPath, cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            // Checked here too, so that a bad file fails the same way in every partition.
            ParquetColumns.Resolve(reader.Schema, file.FullPath);
            long rows = 0;
            for (int g = 0; g < reader.RowGroupCount; g++)
                rows += reader.OpenRowGroupReader(g).RowCount;
            return rows;
        }
    }

    protected override async IAsyncEnumerable<SourceDocument> ReadFileAsync(
        SourceFile file, long firstOrdinal, long startOrdinal, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = await OpenAsync(file.FullPath, cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            var columns = ParquetColumns.Resolve(reader.Schema, file.FullPath);
            long groupFirstRow = 0;
            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                var groupReader = reader.OpenRowGroupReader(g);
                long rows = groupReader.RowCount;
                long groupFirstOrdinal = firstOrdinal + groupFirstRow;
                if (groupFirstOrdinal + rows <= startOrdinal)
                {
                    groupFirstRow += rows; // before the start: its pages are never read
                    continue;
                }

                var group = await ParquetRowGroup.ReadAsync(groupReader, columns, file.FullPath, g, cancellationToken).ConfigureAwait(false);
                for (int row = (int)Math.Max(0, startOrdinal - groupFirstOrdinal); row < group.RowCount; row++)
                {
                    string? url = group.Url(row);
                    yield return new SourceDocument(
                        groupFirstOrdinal + row,
                        LeadingBom.Remove(group.TakeText(row), Stats),
                        file.RelativePath,
                        groupFirstRow + row,
                        group.Title(row),
                        url,
                        group.PublicationDate(row),
                        Id: IdFromUrl(url));
                }

                groupFirstRow += rows;
            }
        }
    }

    /// <summary>The last path segment of a URL (<c>http://www.gutenberg.org/ebooks/84</c> → 84), or null.</summary>
    internal static string? IdFromUrl(string? url)
    {
        string? trimmed = url?.TrimEnd('/');
        if (string.IsNullOrEmpty(trimmed))
            return null;
        string tail = trimmed[(trimmed.LastIndexOf('/') + 1)..];
        return tail.Length == 0 ? null : tail;
    }

    /// <summary>Opens a reader on the footer; a file that is not Parquet is an error naming it.</summary>
    private static async Task<ParquetReader> OpenAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await ParquetReader.CreateAsync(path, null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not (OperationCanceledException or FileNotFoundException
            or DirectoryNotFoundException or UnauthorizedAccessException))
        {
            throw new SourceDataException(path, null, $"is not a readable Parquet file: {e.Message}", e);
        }
    }
}
