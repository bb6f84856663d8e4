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
    private readonly Stream _file;
    private readonly IFileSystemSteps _steps;
    private readonly string _partialPath;
    private readonly string _finalPath;
    private readonly ArrayBufferWriter<byte> _line = new(1024);
    private bool _closed;

    private DocumentTableWriter(IFileSystemSteps steps, Stream file, string partialPath, string finalPath)
    {
        _steps = steps;
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
        var steps = FileSystemSteps.Current;
        var partial = PartialPathOf(finalPath);
        if (keepBefore is long before && File.Exists(partial))
        {
            var keep = LengthOfLinesBefore(partial, before);
            return new DocumentTableWriter(steps, steps.OpenTruncated(partial, keep, FileShare.Read), partial, finalPath);
        }

        // Unbuffered here: the line buffer below is the one buffer, and each line is one write.
        return new DocumentTableWriter(steps, steps.Create(partial, FileShare.Read, 1), partial, finalPath);
    }

    /// <summary>The name the table has while it is written: <c>documents.jsonl.partial</c>.</summary>
    public static string PartialPathOf(string finalPath) => finalPath + ".partial";

    /// <summary>
    /// For a resume: a finished table whose split is not marked complete (a kill between the table's
    /// rename and the final manifest) goes back to its partial name, so the job keeps its lines as it
    /// keeps a partial table's. A name is only ever given to a whole table by rename, so it holds every
    /// line a partial file beside it could. Nothing to do when there is no finished table.
    /// </summary>
    public static void Reopen(string finalPath)
    {
        if (File.Exists(finalPath))
            FileSystemSteps.Current.Move(finalPath, PartialPathOf(finalPath));
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

            _line.Write("\n"u8);
            _file.Write(_line.WrittenSpan);
        }
    }

    /// <summary>Adds a line another table holds, byte for byte (the merge of partitioned tables).</summary>
    public void AddLine(DocumentTableLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        lock (_gate)
        {
            _line.ResetWrittenCount();
            _line.Write(line.Json.Span);
            _line.Write("\n"u8);
            _file.Write(_line.WrittenSpan);
        }
    }

    /// <summary>Pushes every line added so far to disk.</summary>
    public void Flush()
    {
        lock (_gate)
            _steps.FlushToDisk(_file);
    }

    /// <summary>Flushes and renames the table to its final name.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _steps.FlushToDisk(_file);
            _file.Dispose();
            _closed = true;
            _steps.Move(_partialPath, _finalPath);
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
