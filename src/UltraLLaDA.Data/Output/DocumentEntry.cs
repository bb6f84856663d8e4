namespace UltraLLaDA.Data.Output;

/// <summary>One line of a split's documents table (documents.jsonl).</summary>
/// <param name="Doc">Document ordinal in the split.</param>
/// <param name="Source">Input file it came from.</param>
/// <param name="Row">Row or line in that file.</param>
/// <param name="Title">Title, when the source has one.</param>
/// <param name="Url">URL, when the source has one.</param>
/// <param name="Tokens">Length of the document's token stream (0 for a skipped document).</param>
/// <param name="Skipped">"null" or "empty" for a document that produced no tokens.</param>
public sealed record DocumentEntry(long Doc, string? Source, long Row, string? Title, string? Url, long Tokens, string? Skipped);
