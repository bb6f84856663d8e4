using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace UltraLLaDA.Data.Output;

/// <summary>
/// One line of a documents table as <see cref="DocumentTableReader"/> read it: its bytes (without the
/// newline), whether a newline ended it (a line a killed job cut short has none), and where it ends in
/// the file, so a resume can keep whole lines and a merge can copy them byte for byte.
/// </summary>
public sealed class DocumentTableLine
{
    internal DocumentTableLine(int number, byte[] json, bool terminated, long end)
    {
        Number = number;
        Json = json;
        Terminated = terminated;
        End = end;
    }

    /// <summary>The line's number in the file, from 1.</summary>
    public int Number { get; }

    /// <summary>The line's UTF-8 JSON, without its line end.</summary>
    public ReadOnlyMemory<byte> Json { get; }

    /// <summary>True when a newline ends the line.</summary>
    public bool Terminated { get; }

    /// <summary>The byte offset just past the line and its newline.</summary>
    public long End { get; }

    /// <summary>Reads the whole entry; <paramref name="error"/> says why the line is not one.</summary>
    public bool TryParse([NotNullWhen(true)] out DocumentEntry? entry, [NotNullWhen(false)] out string? error)
    {
        DocumentEntry? read = null;
        error = Parse(root => read = new DocumentEntry(
            root.GetProperty("doc").GetInt64(),
            OptionalString(root, "source"),
            root.TryGetProperty("row", out var row) && row.ValueKind == JsonValueKind.Number ? row.GetInt64() : 0,
            OptionalString(root, "title"),
            OptionalString(root, "url"),
            root.GetProperty("tokens").GetInt64(),
            OptionalString(root, "skipped")));
        entry = read;
        return error is null;
    }

    /// <summary>Reads only the document ordinal (what a merge or a resume orders lines by).</summary>
    public bool TryReadDoc(out long doc, [NotNullWhen(false)] out string? error)
    {
        long found = 0;
        error = Parse(root => found = root.GetProperty("doc").GetInt64());
        doc = found;
        return error is null;
    }

    /// <summary>Runs <paramref name="read"/> on the parsed line; returns null, or what made the line unreadable.</summary>
    private string? Parse(Action<JsonElement> read)
    {
        try
        {
            using var json = JsonDocument.Parse(Json);
            read(json.RootElement);
            return null;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return e.Message;
        }
    }

    private static string? OptionalString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
