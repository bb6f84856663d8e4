namespace UltraLLaDA.Data.Sources;

/// <summary>
/// One document as a source reads it, before tokenization.
/// </summary>
/// <param name="Ordinal">Position of the document in its split (0-based, input order), whatever partition is read.</param>
/// <param name="Text">The text with a leading U+FEFF removed; null when the source holds a null.</param>
/// <param name="Source">Path of the file it came from, relative to the input root, with '/' separators.</param>
/// <param name="Row">Row (Parquet), line (JSONL, 0-based) or 0 (one-file-per-book layouts).</param>
/// <param name="Title">Book title when the source has one.</param>
/// <param name="Url">Source URL when the source has one.</param>
/// <param name="PublicationDate">Publication year when the source has one.</param>
/// <param name="Extra">Other metadata fields (JSONL), as raw JSON text per key; null when none.</param>
/// <param name="Id">
/// Book id when the source has one: the tail of the URL (Parquet), the file name without ".txt" (PG-19 txt),
/// the "id" field (JSONL). Not unique by construction; a label for logs and manifests.
/// </param>
public sealed record SourceDocument(
    long Ordinal,
    string? Text,
    string Source,
    long Row,
    string? Title,
    string? Url,
    int? PublicationDate,
    IReadOnlyDictionary<string, string>? Extra = null,
    string? Id = null);
