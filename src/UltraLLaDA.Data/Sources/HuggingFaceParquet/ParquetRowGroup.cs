using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace UltraLLaDA.Data.Sources.HuggingFaceParquet;

/// <summary>
/// The columns of one row group, read whole: the unit of memory of the Parquet source. Texts are handed out
/// one at a time and dropped from here as they go, so a consumer that lets go of a document frees its text.
/// </summary>
internal sealed class ParquetRowGroup
{
    private readonly string?[] _texts;
    private readonly string?[]? _titles;
    private readonly string?[]? _urls;
    private readonly int?[]? _dates;

    private ParquetRowGroup(string?[] texts, string?[]? titles, string?[]? urls, int?[]? dates)
    {
        _texts = texts;
        _titles = titles;
        _urls = urls;
        _dates = dates;
    }

    public int RowCount => _texts.Length;

    /// <summary>Reads the row group's columns.</summary>
    /// <exception cref="SourceDataException">The data cannot be read (corrupt pages, unsupported encoding); names the file and row group.</exception>
    public static async Task<ParquetRowGroup> ReadAsync(
        ParquetRowGroupReader reader, ParquetColumns columns, string path, int rowGroup, CancellationToken cancellationToken)
    {
        if (reader.RowCount > Array.MaxLength)
            throw new SourceDataException(path, null, $"row group {rowGroup} has {reader.RowCount} rows, more than one read can hold");
        int rows = (int)reader.RowCount;
        try
        {
            var texts = await ReadStringsAsync(reader, columns.Text, rows, cancellationToken).ConfigureAwait(false);
            var titles = columns.Title is null ? null : await ReadStringsAsync(reader, columns.Title, rows, cancellationToken).ConfigureAwait(false);
            var urls = columns.Url is null ? null : await ReadStringsAsync(reader, columns.Url, rows, cancellationToken).ConfigureAwait(false);
            var dates = columns.PublicationDate is null ? null : await ReadYearsAsync(reader, columns.PublicationDate, rows, cancellationToken).ConfigureAwait(false);
            return new ParquetRowGroup(texts, titles, urls, dates);
        }
        catch (Exception e) when (e is not OperationCanceledException and not SourceDataException)
        {
            throw new SourceDataException(path, null, $"row group {rowGroup} cannot be read: {e.Message}", e);
        }
    }

    /// <summary>The text of row <paramref name="row"/>, which is then dropped from this row group.</summary>
    public string? TakeText(int row)
    {
        string? text = _texts[row];
        _texts[row] = null;
        return text;
    }

    public string? Title(int row) => _titles?[row];

    public string? Url(int row) => _urls?[row];

    public int? PublicationDate(int row) => _dates?[row];

    private static async Task<string?[]> ReadStringsAsync(ParquetRowGroupReader reader, DataField field, int rows, CancellationToken cancellationToken)
    {
        var values = new string?[rows];
        await reader.ReadAsync(field, values.AsMemory(), null, cancellationToken).ConfigureAwait(false);
        return values;
    }

    private static async Task<int?[]> ReadYearsAsync(ParquetRowGroupReader reader, DataField field, int rows, CancellationToken cancellationToken)
    {
        if (field.ClrType == typeof(int))
        {
            var values = new int?[rows];
            await reader.ReadAsync(field, values.AsMemory(), null, cancellationToken).ConfigureAwait(false);
            return values;
        }

        if (field.ClrType == typeof(long))
        {
            var values = new long?[rows];
            await reader.ReadAsync(field, values.AsMemory(), null, cancellationToken).ConfigureAwait(false);
            return [.. values.Select(v => v is >= int.MinValue and <= int.MaxValue ? (int?)v : null)];
        }

        if (field.ClrType == typeof(short))
        {
            var values = new short?[rows];
            await reader.ReadAsync(field, values.AsMemory(), null, cancellationToken).ConfigureAwait(false);
            return [.. values.Select(v => (int?)v)];
        }

        var strings = await ReadStringsAsync(reader, field, rows, cancellationToken).ConfigureAwait(false);
        return [.. strings.Select(s => int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int year) ? (int?)year : null)];
    }
}
