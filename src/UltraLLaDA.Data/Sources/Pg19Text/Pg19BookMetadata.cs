namespace UltraLLaDA.Data.Sources.Pg19Text;

/// <summary>One row of PG-19's metadata.csv.</summary>
/// <param name="Id">The book id, in canonical integer form (no leading zeros).</param>
/// <param name="Title">short_book_title; null when empty.</param>
/// <param name="PublicationDate">publication_date; null when empty.</param>
/// <param name="Url">url; null when empty.</param>
internal sealed record Pg19BookMetadata(string Id, string? Title, int? PublicationDate, string? Url);
