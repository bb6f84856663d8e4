using UltraLLaDA.Data.Output;

namespace UltraLLaDA.Data.Inspection;

/// <summary>
/// A split's documents table read into memory, with the lookups verification and display need:
/// the position of an ordinal, and how many non-empty documents and stream tokens lie in a range.
/// </summary>
public sealed class DocumentCatalog
{
    private readonly DocumentEntry[] _entries;
    private readonly long[] _nonEmptyBefore;
    private readonly long[] _tokensBefore;
    private readonly bool _dense;

    private DocumentCatalog(string path, DocumentEntry[] entries, IReadOnlyList<string> problems)
    {
        Path = path;
        _entries = entries;
        Problems = problems;
        _nonEmptyBefore = new long[entries.Length + 1];
        _tokensBefore = new long[entries.Length + 1];
        _dense = true;
        for (var i = 0; i < entries.Length; i++)
        {
            _nonEmptyBefore[i + 1] = _nonEmptyBefore[i] + (entries[i].Tokens > 0 ? 1 : 0);
            _tokensBefore[i + 1] = _tokensBefore[i] + entries[i].Tokens;
            _dense &= entries[i].Doc == i;
        }
    }

    public string Path { get; }

    public int Count => _entries.Length;

    public IReadOnlyList<DocumentEntry> Entries => _entries;

    /// <summary>Lines that could not be read or are out of order, as "line N: problem".</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>Lines that are not document entries at all (each also in <see cref="Problems"/>).</summary>
    public int MalformedLines { get; private init; }

    /// <summary>Total stream tokens of all documents.</summary>
    public long TotalTokens => _tokensBefore[^1];

    public DocumentEntry this[int position] => _entries[position];

    /// <summary>
    /// Reads <paramref name="path"/> (through <see cref="DocumentTableReader"/>). Malformed lines and ordinals that are not strictly increasing are
    /// kept out and listed in <see cref="Problems"/>; I/O errors throw.
    /// </summary>
    public static DocumentCatalog Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var entries = new List<DocumentEntry>();
        var problems = new List<string>();
        var malformed = 0;
        using var reader = DocumentTableReader.Open(path);
        while (reader.TryRead(out var line))
        {
            var lineNumber = line.Number;
            if (line.Json.Length == 0)
            {
                problems.Add($"line {lineNumber}: empty line");
                continue;
            }

            if (!line.TryParse(out var entry, out var error))
            {
                problems.Add($"line {lineNumber}: not a document entry ({error})");
                malformed++;
                continue;
            }

            if (entries.Count > 0 && entry.Doc <= entries[^1].Doc)
            {
                problems.Add($"line {lineNumber}: document {entry.Doc} follows document {entries[^1].Doc}; ordinals must increase");
                continue;
            }

            if (entry.Tokens < 0)
                problems.Add($"line {lineNumber}: document {entry.Doc} has {entry.Tokens} tokens");
            else if (entry.Tokens == 0 && entry.Skipped is null)
                problems.Add($"line {lineNumber}: document {entry.Doc} has 0 tokens but is not marked \"skipped\"");
            else if (entry.Tokens > 0 && entry.Skipped is not null)
                problems.Add($"line {lineNumber}: document {entry.Doc} is marked skipped ({entry.Skipped}) but has {entry.Tokens} tokens");
            entries.Add(entry);
        }

        return new DocumentCatalog(path, entries.ToArray(), problems) { MalformedLines = malformed };
    }

    /// <summary>Finds the position of document ordinal <paramref name="doc"/>.</summary>
    public bool TryFind(ulong doc, out int position)
    {
        if (_dense)
        {
            position = doc < (ulong)_entries.Length ? (int)doc : -1;
            return position >= 0;
        }

        if (doc > long.MaxValue)
        {
            position = -1;
            return false;
        }

        int lo = 0, hi = _entries.Length - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) / 2);
            var value = _entries[mid].Doc;
            if (value == (long)doc)
            {
                position = mid;
                return true;
            }

            if (value < (long)doc)
                lo = mid + 1;
            else
                hi = mid - 1;
        }

        position = -1;
        return false;
    }

    /// <summary>Documents with tokens among positions [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public long NonEmptyIn(int from, int to) => to <= from ? 0 : _nonEmptyBefore[to] - _nonEmptyBefore[from];

    /// <summary>Stream tokens of the documents at positions [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public long TokensIn(int from, int to) => to <= from ? 0 : _tokensBefore[to] - _tokensBefore[from];

    /// <summary>The first non-empty document at or after <paramref name="from"/>, or -1.</summary>
    public int FirstNonEmptyFrom(int from)
    {
        for (var i = Math.Max(from, 0); i < _entries.Length; i++)
        {
            if (_entries[i].Tokens > 0)
                return i;
        }

        return -1;
    }
}
