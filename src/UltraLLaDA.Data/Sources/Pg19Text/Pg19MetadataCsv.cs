using System.Globalization;
using System.Text;

namespace UltraLLaDA.Data.Sources.Pg19Text;

/// <summary>
/// Reads PG-19's metadata.csv: no header row, four fields <c>id,short_book_title,publication_date,url</c>,
/// RFC 4180 quoting (a field in double quotes may hold commas, line ends and doubled quotes), lines ending in
/// "\n" or "\r\n". The whole table is held in memory (about 2 MB for the full PG-19), texts never are.
/// </summary>
/// <remarks>
/// Strict, because a silently misparsed row gives books wrong metadata: an unterminated quote, a field count
/// other than four, a non-integer id or a non-integer, non-empty publication_date, or an id given twice is an error
/// naming the file and the line the row starts on. Empty lines are passed over. A first line that is exactly the
/// column names is taken as a header and passed over too, as other exports of the table have one.
/// </remarks>
internal static class Pg19MetadataCsv
{
    private const string HeaderLine = "id,short_book_title,publication_date,url";
    private const int FieldCount = 4;

    /// <summary>Reads the file into a table keyed by canonical id.</summary>
    /// <exception cref="SourceDataException">The file is malformed; names the file and line.</exception>
    public static IReadOnlyDictionary<string, Pg19BookMetadata> Load(string path)
    {
        // UTF-8 with a BOM skipped when present; titles with invalid bytes get U+FFFD rather than stopping a run.
        string content = File.ReadAllText(path, Encoding.UTF8);
        var books = new Dictionary<string, Pg19BookMetadata>(StringComparer.Ordinal);
        var firstLineOf = new Dictionary<string, long>(StringComparer.Ordinal);
        var parser = new CsvRecordParser(content, path);
        while (parser.TryReadRecord(out var fields, out long line))
        {
            if (line == 1 && string.Join(',', fields) == HeaderLine)
                continue;
            var book = ToBook(fields, path, line);
            if (firstLineOf.TryGetValue(book.Id, out long first))
                throw new SourceDataException(path, line, $"id {book.Id} is given again (first on line {first})");
            firstLineOf.Add(book.Id, line);
            books.Add(book.Id, book);
        }

        return books;
    }

    /// <summary>The canonical form of an id, the key of the table: digits without leading zeros, or null when
    /// <paramref name="text"/> is not a whole number.</summary>
    public static string? CanonicalId(ReadOnlySpan<char> text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long id)
            ? id.ToString(CultureInfo.InvariantCulture)
            : null;

    private static Pg19BookMetadata ToBook(List<string> fields, string path, long line)
    {
        if (fields.Count != FieldCount)
        {
            throw new SourceDataException(path, line,
                $"has {fields.Count} fields, expected {FieldCount} (id,short_book_title,publication_date,url)");
        }

        string id = CanonicalId(fields[0])
            ?? throw new SourceDataException(path, line, $"id '{fields[0]}' is not a whole number");
        int? year = null;
        if (fields[2].Length > 0)
        {
            year = int.TryParse(fields[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value)
                ? value
                : throw new SourceDataException(path, line, $"publication_date '{fields[2]}' is neither empty nor a whole number");
        }

        return new Pg19BookMetadata(id, NullIfEmpty(fields[1]), year, NullIfEmpty(fields[3]));
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
