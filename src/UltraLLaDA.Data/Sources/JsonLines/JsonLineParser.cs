using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace UltraLLaDA.Data.Sources.JsonLines;

/// <summary>
/// Parses one JSONL line: a JSON object with a "text" field that is a string or null. Every other field is kept
/// as raw JSON text in <see cref="JsonLineDocument.Extra"/>; title, URL, date and id are also picked up when present.
/// </summary>
/// <remarks>
/// A line that is not one JSON object, has no "text", has "text" twice, or has a "text" that is neither a string nor
/// null is an error naming the file and the 1-based line. Invalid UTF-8 is replaced by U+FFFD (and counted) before
/// parsing, as in PG-19 txt files, since the JSON reader would otherwise refuse the whole line.
/// </remarks>
internal static class JsonLineParser
{
    /// <summary>Parses <paramref name="line"/>, line <paramref name="lineNumber"/> (1-based) of <paramref name="path"/>.</summary>
    /// <exception cref="SourceDataException">The line is not a usable JSON object.</exception>
    public static JsonLineDocument Parse(ReadOnlySpan<byte> line, string path, long lineNumber, SourceStats stats)
    {
        byte[]? repaired = null;
        if (!Utf8.IsValid(line))
        {
            repaired = Encoding.UTF8.GetBytes(Utf8TextDecoder.Decode(line, out int invalid));
            stats.AddInvalidUtf8(invalid);
        }

        try
        {
            return ParseObject(repaired ?? line, path, lineNumber);
        }
        catch (JsonException e)
        {
            throw new SourceDataException(path, lineNumber, $"malformed JSON at byte {e.BytePositionInLine}: {WithoutPosition(e.Message)}", e);
        }
        catch (InvalidOperationException e)
        {
            // GetString on a string that cannot become UTF-16, e.g. an escaped lone surrogate "\ud800".
            throw new SourceDataException(path, lineNumber, $"malformed JSON string: {e.Message}", e);
        }
    }

    private static JsonLineDocument ParseObject(ReadOnlySpan<byte> line, string path, long lineNumber)
    {
        var reader = new Utf8JsonReader(line);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            throw new SourceDataException(path, lineNumber, $"is not a JSON object (starts with {reader.TokenType})");

        bool hasText = false;
        string? text = null, title = null, shortTitle = null, url = null, id = null;
        int? year = null;
        Dictionary<string, string>? extra = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("text"u8))
            {
                if (hasText)
                    throw new SourceDataException(path, lineNumber, "has the field 'text' twice");
                hasText = true;
                reader.Read();
                text = reader.TokenType switch
                {
                    JsonTokenType.String => reader.GetString(),
                    JsonTokenType.Null => null,
                    _ => throw new SourceDataException(path, lineNumber, $"field 'text' is {reader.TokenType}, expected a string or null"),
                };
                continue;
            }

            string name = reader.GetString()!;
            reader.Read();
            int valueStart = (int)reader.TokenStartIndex;
            switch (name)
            {
                case "title": title = StringValue(ref reader); break;
                case "short_book_title": shortTitle = StringValue(ref reader); break;
                case "url": url = StringValue(ref reader); break;
                case "publication_date": year = YearValue(ref reader); break;
                case "id": id = IdValue(ref reader, line); break;
                default: break;
            }

            reader.Skip(); // to the end of an object or array value; a no-op for the others
            (extra ??= new(StringComparer.Ordinal))[name] = Encoding.UTF8.GetString(line[valueStart..(int)reader.BytesConsumed]);
        }

        // Reading on checks that nothing but whitespace follows the object.
        if (reader.Read())
            throw new SourceDataException(path, lineNumber, "has more than one JSON value");
        if (!hasText)
            throw new SourceDataException(path, lineNumber, "has no 'text' field");
        return new JsonLineDocument(text, title ?? shortTitle, url, year, id, extra);
    }

    private static string? StringValue(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String ? reader.GetString() : null;

    private static int? YearValue(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Number when reader.TryGetInt32(out int year) => year,
        JsonTokenType.String when int.TryParse(reader.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int year) => year,
        _ => null,
    };

    private static string? IdValue(ref Utf8JsonReader reader, ReadOnlySpan<byte> line) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => Encoding.UTF8.GetString(line[(int)reader.TokenStartIndex..(int)reader.BytesConsumed]),
        _ => null,
    };

    /// <summary>System.Text.Json ends messages with the position in its own terms (line 0); ours is clearer.</summary>
    private static string WithoutPosition(string message)
    {
        int at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return at < 0 ? message : message[..at];
    }
}
