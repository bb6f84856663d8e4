namespace UltraLLaDA.Data.Sources;

/// <summary>
/// A streaming reader of one split of one input, opened by <see cref="DocumentSources.Open"/>.
/// </summary>
/// <remarks>
/// <para>Order: the split's files in <see cref="StringComparer.Ordinal"/> order of their relative paths
/// (<see cref="Files"/>), and within a file rows (Parquet) or lines (JSONL) in file order; the PG-19 txt layout has
/// one document per file. <see cref="SourceDocument.Ordinal"/> counts documents in that order from 0 over the whole
/// split, whatever partition or start ordinal is read. Ordinals are per layout: the same books in Parquet and txt
/// layouts need not have the same ordinals (HF PG-19 rows are in numeric id order, txt files in name order).</para>
/// <para>Every document is yielded, null and empty texts included, so that the pipeline can count and skip them.
/// A leading U+FEFF is removed from each text; nothing else is changed (CRLF stays).</para>
/// <para>Invalid UTF-8 (PG-19 txt files, JSONL lines) does not stop a run: each maximal invalid sequence becomes
/// U+FFFD, as <see cref="System.Text.Encoding.UTF8"/> decodes, and is counted in <see cref="SourceStats"/>
/// (<see cref="SourceStats.InvalidUtf8Sequences"/>, <see cref="SourceStats.DocumentsWithInvalidUtf8"/>) for the run
/// to report. Parquet strings are decoded by Parquet.Net the same way, but uncounted.</para>
/// <para>Memory: one document (txt, JSONL line) or one Parquet row group at a time.</para>
/// <para>Enumerating the source itself is <see cref="ReadAsync"/> from ordinal 0.</para>
/// </remarks>
public interface IDocumentSource : IAsyncEnumerable<SourceDocument>
{
    /// <summary>The input path as given to <see cref="DocumentSources.Open"/>, made absolute.</summary>
    string InputPath { get; }

    /// <summary>The split read.</summary>
    string Split { get; }

    /// <summary>The layout the input was read as (never <see cref="SourceLayout.Auto"/>).</summary>
    SourceLayout Layout { get; }

    /// <summary>The part of the split's files this source reads.</summary>
    PartitionSpec Partition { get; }

    /// <summary>All files of the split in reading order (not only this partition's); a file's index here is what
    /// <see cref="PartitionSpec.IncludesFile"/> is asked about.</summary>
    IReadOnlyList<SourceFile> Files { get; }

    /// <summary>Counts of what was read, skipped and repaired.</summary>
    SourceStats Stats { get; }

    /// <summary>
    /// Reads this partition's documents whose ordinal is at least <paramref name="startOrdinal"/> (for resume).
    /// Whole files and Parquet row groups below it are passed over by their counts without reading their text;
    /// JSONL files below it are scanned for line ends only.
    /// </summary>
    /// <exception cref="SourceDataException">A file is malformed; raised while enumerating, naming the file (and line).</exception>
    IAsyncEnumerable<SourceDocument> ReadAsync(long startOrdinal = 0, CancellationToken cancellationToken = default);

    /// <summary>
    /// Number of documents in the whole split (all partitions), without reading texts where the layout allows:
    /// Parquet footers, one per txt file, a line-end scan of JSONL files.
    /// </summary>
    ValueTask<long> CountDocumentsAsync(CancellationToken cancellationToken = default);
}
