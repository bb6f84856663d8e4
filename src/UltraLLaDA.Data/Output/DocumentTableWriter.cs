using System.Buffers;
using System.Text.Json;
using UltraLLaDA.Data.Sources;

namespace UltraLLaDA.Data.Output;

/// <summary>
/// documents.jsonl: one line per document of the split, in order:
/// <c>{"doc", "source", "row", "title", "url", "tokens"}</c>, plus <c>"skipped": "null"|"empty"</c> for
/// documents that produced no tokens, <c>"publication_date"</c> when the source has one, and <c>"meta"</c>
/// with a JSONL source's other fields. It is written as <c>.partial</c> while the job runs and renamed
/// when the job completes. The pack stage adds lines; the write stage flushes them before each
/// manifest update, so every document a finished shard mentions is on disk. This is the table's one
/// writer (the pack job's, and the merge of a partitioned job's tables through <see cref="AddLine"/>);
/// <see cref="DocumentTableReader"/> is its one reader.
/// </summary>
public sealed class DocumentTableWriter : IDisposable
{
    private readonly object _gate = new();
    private readonly FileStream _file;
    private readonly string _partialPath;
    private readonly string _finalPath;
    private readonly ArrayBufferWriter<byte> _line = new(1024);
    private bool _closed;

    private DocumentTableWriter(FileStream file, string partialPath, string finalPath)
    {
        _file = file;
        _partialPath = partialPath;
        _finalPath = finalPath;
    }

    /// <summary>
    /// Opens the table for writing. With <paramref name="keepBefore"/> (a resume), the lines of
    /// documents before that ordinal are kept from the previous run's partial table and the rest cut.
    /// </summary>
    public static DocumentTableWriter Open(string finalPath, long? keepBefore)
    {
        var partial = finalPath + ".partial";
        if (keepBefore is long before && File.Exists(partial))
        {
            var keep = LengthOfLinesBefore(partial, before);
            var file = new FileStream(partial, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
            file.SetLength(keep);
            file.Seek(keep, SeekOrigin.Begin);
            return new DocumentTableWriter(file, partial, finalPath);
        }

        return new DocumentTableWriter(new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.Read), partial, finalPath);
    }

    public void Add(SourceDocument document, long streamTokens)
    {
        ArgumentNullException.ThrowIfNull(document);
        lock (_gate)
        {
            _line.ResetWrittenCount();
            using (var json = new Utf8JsonWriter(_line))
            {
                json.WriteStartObject();
                json.WriteNumber("doc", document.Ordinal);
                json.WriteString("source", document.Source);
                json.WriteNumber("row", document.Row);
                json.WriteString("title", document.Title);
                json.WriteString("url", document.Url);
                json.WriteNumber("tokens", streamTokens);
                if (document.Text is null)
                    json.WriteString("skipped", "null");
                else if (streamTokens == 0)
                    json.WriteString("skipped", "empty");
                if (document.PublicationDate is int year)
                    json.WriteNumber("publication_date", year);
                if (document.Extra is { Count: > 0 } extra)
                {
                    // The source's other fields (JSONL), as they were, so nothing the corpus said about a document is lost.
                    json.WriteStartObject("meta");
                    foreach (var (key, raw) in extra)
                    {
                        json.WritePropertyName(key);
                        json.WriteRawValue(raw, skipInputValidation: false);
                    }

                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            _file.Write(_line.WrittenSpan);
            _file.WriteByte((byte)'\n');
        }
    }

    /// <summary>Adds a line another table holds, byte for byte (the merge of partitioned tables).</summary>
    public void AddLine(DocumentTableLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        lock (_gate)
        {
            _file.Write(line.Json.Span);
            _file.WriteByte((byte)'\n');
        }
    }

    /// <summary>Pushes every line added so far to disk.</summary>
    public void Flush()
    {
        lock (_gate)
            _file.Flush(flushToDisk: true);
    }

    /// <summary>Flushes and renames the table to its final name.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _file.Flush(flushToDisk: true);
            _file.Dispose();
            _closed = true;
            File.Move(_partialPath, _finalPath, overwrite: true);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (!_closed)
                _file.Dispose();
            _closed = true;
        }
    }

    /// <summary>Byte length of the leading complete lines whose "doc" is below <paramref name="before"/> (a line a crash cut short, or one that does not read, ends them).</summary>
    private static long LengthOfLinesBefore(string path, long before)
    {
        using var reader = DocumentTableReader.Open(path);
        long kept = 0;
        while (reader.TryRead(out var line) && line.Terminated && line.TryReadDoc(out var doc, out _) && doc < before)
            kept = line.End;
        return kept;
    }
}
