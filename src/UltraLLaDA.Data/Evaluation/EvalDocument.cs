namespace UltraLLaDA.Data.Evaluation;

/// <summary>A source document a set's text was taken from.</summary>
/// <param name="Ordinal">Its ordinal in the split (as `pack` numbers documents).</param>
/// <param name="Id">Book id, when the source has one.</param>
/// <param name="Title">Book title, when the source has one.</param>
/// <param name="Source">The file it came from, relative to the input.</param>
/// <param name="Tokens">Its length in tokens of the set's tokenizer (the document encoded alone).</param>
public sealed record EvalDocument(long Ordinal, string? Id, string? Title, string Source, long Tokens);
