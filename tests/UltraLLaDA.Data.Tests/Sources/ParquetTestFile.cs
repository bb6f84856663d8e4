using Parquet;
using Parquet.Schema;

namespace UltraLLaDA.Data.Tests.Sources;

/// <summary>One row of a test Parquet file in the HF PG-19 schema.</summary>
internal sealed record ParquetTestRow(string? Title, int? PublicationDate, string? Url, string? Text);

/// <summary>Writes small Parquet files in the HF PG-19 schema with Parquet.Net, one row group per given batch.</summary>
internal static class ParquetTestFile
{
    private static readonly DataField<string> _title = new("short_book_title");
    private static readonly DataField<int?> _date = new("publication_date");
    private static readonly DataField<string> _url = new("url");
    private static readonly DataField<string> _text = new("text");

    /// <summary>Writes <paramref name="rowGroups"/> as consecutive row groups.</summary>
    public static async Task WriteAsync(string path, params ParquetTestRow[][] rowGroups)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(_title, _date, _url, _text), stream);
        foreach (var rows in rowGroups)
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(_title, rows.Select(r => r.Title).ToArray());
            await group.WriteAsync<int>(_date, rows.Select(r => r.PublicationDate).ToArray().AsMemory());
            await group.WriteAsync(_url, rows.Select(r => r.Url).ToArray());
            await group.WriteAsync(_text, rows.Select(r => r.Text).ToArray());
        }
    }

    /// <summary>Rows with texts "&lt;prefix&gt;0", "&lt;prefix&gt;1", ..., ids from <paramref name="firstId"/>.</summary>
    public static ParquetTestRow[] Rows(string prefix, int count, int firstId = 0) =>
        [.. Enumerable.Range(firstId, count).Select(i => new ParquetTestRow($"Title {i}", 1800 + i, $"http://www.gutenberg.org/ebooks/{i}", $"{prefix}{i}"))];

    /// <summary>Writes a file with the given single-column schema, for wrong-schema tests.</summary>
    public static async Task WriteSingleColumnAsync<T>(string path, DataField field, T[] values)
        where T : struct
    {
        using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(field), stream);
        using var group = writer.CreateRowGroup();
        await group.WriteAsync<T>(field, values.AsMemory());
    }
}
