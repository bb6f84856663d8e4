namespace UltraLLaDA.Data.Sources.JsonLines;

/// <summary>What one JSONL line holds, before BOM removal and ordinals.</summary>
/// <param name="Text">The "text" value; null when it is JSON null.</param>
/// <param name="Title">"title", else "short_book_title", when a string.</param>
/// <param name="Url">"url", when a string.</param>
/// <param name="PublicationDate">"publication_date", when a whole number or a string holding one.</param>
/// <param name="Id">"id", when a string or a number (its JSON text).</param>
/// <param name="Extra">Every field but "text", as raw JSON text; null when there is none.</param>
internal sealed record JsonLineDocument(
    string? Text, string? Title, string? Url, int? PublicationDate, string? Id, IReadOnlyDictionary<string, string>? Extra);
