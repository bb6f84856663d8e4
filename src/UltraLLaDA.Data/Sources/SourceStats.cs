namespace UltraLLaDA.Data.Sources;

/// <summary>
/// Counts kept while a source is read. They add up over every enumeration of the source since it was opened
/// (enumerate once per source for per-run numbers). Safe to read from another thread while a read runs.
/// </summary>
public sealed class SourceStats
{
    private long _filesRead;
    private long _filesCounted;
    private long _documents;
    private long _nullTexts;
    private long _emptyTexts;
    private long _skippedBeforeStart;
    private long _bomsRemoved;
    private long _invalidUtf8Sequences;
    private long _documentsWithInvalidUtf8;
    private long _documentsWithoutMetadata;
    private long _blankLines;

    /// <summary>Files whose documents were read (in the partition and not wholly before the start ordinal).</summary>
    public long FilesRead => Interlocked.Read(ref _filesRead);

    /// <summary>Files whose documents were only counted to keep ordinals right (outside the partition, or wholly before the start ordinal).</summary>
    public long FilesCounted => Interlocked.Read(ref _filesCounted);

    /// <summary>Documents yielded, null and empty texts included.</summary>
    public long Documents => Interlocked.Read(ref _documents);

    /// <summary>Yielded documents whose text is null (the pipeline skips them).</summary>
    public long NullTexts => Interlocked.Read(ref _nullTexts);

    /// <summary>Yielded documents whose text is "" (the pipeline skips them).</summary>
    public long EmptyTexts => Interlocked.Read(ref _emptyTexts);

    /// <summary>Documents of this partition's files passed over because their ordinal is below the start ordinal (resume).</summary>
    public long SkippedBeforeStart => Interlocked.Read(ref _skippedBeforeStart);

    /// <summary>Texts that started with U+FEFF, which was removed.</summary>
    public long BomsRemoved => Interlocked.Read(ref _bomsRemoved);

    /// <summary>Invalid UTF-8 sequences replaced by U+FFFD (PG-19 txt files and JSONL lines; Parquet strings are decoded by Parquet.Net and not counted).</summary>
    public long InvalidUtf8Sequences => Interlocked.Read(ref _invalidUtf8Sequences);

    /// <summary>Documents (txt files, JSONL lines) that had at least one invalid UTF-8 sequence.</summary>
    public long DocumentsWithInvalidUtf8 => Interlocked.Read(ref _documentsWithInvalidUtf8);

    /// <summary>PG-19 txt files with no row in metadata.csv (read with null title, URL and date).</summary>
    public long DocumentsWithoutMetadata => Interlocked.Read(ref _documentsWithoutMetadata);

    /// <summary>Blank JSONL lines (only spaces, tabs, CR) in files read; they are not documents.</summary>
    public long BlankLines => Interlocked.Read(ref _blankLines);

    internal void AddFileRead() => Interlocked.Increment(ref _filesRead);

    internal void AddFileCounted() => Interlocked.Increment(ref _filesCounted);

    internal void AddDocument(string? text)
    {
        Interlocked.Increment(ref _documents);
        if (text is null)
            Interlocked.Increment(ref _nullTexts);
        else if (text.Length == 0)
            Interlocked.Increment(ref _emptyTexts);
    }

    internal void AddSkippedBeforeStart(long documents) => Interlocked.Add(ref _skippedBeforeStart, documents);

    internal void AddBomRemoved() => Interlocked.Increment(ref _bomsRemoved);

    internal void AddInvalidUtf8(int sequences)
    {
        if (sequences == 0)
            return;
        Interlocked.Add(ref _invalidUtf8Sequences, sequences);
        Interlocked.Increment(ref _documentsWithInvalidUtf8);
    }

    internal void AddDocumentWithoutMetadata() => Interlocked.Increment(ref _documentsWithoutMetadata);

    internal void AddBlankLine() => Interlocked.Increment(ref _blankLines);

    /// <summary>One line of counts, for logs.</summary>
    public override string ToString() =>
        $"files read {FilesRead}, counted {FilesCounted}; documents {Documents} (null {NullTexts}, empty {EmptyTexts}), "
        + $"skipped before start {SkippedBeforeStart}; BOMs removed {BomsRemoved}; invalid UTF-8 {InvalidUtf8Sequences} "
        + $"in {DocumentsWithInvalidUtf8} documents; without metadata {DocumentsWithoutMetadata}; blank lines {BlankLines}";
}
