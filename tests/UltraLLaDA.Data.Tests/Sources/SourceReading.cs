using UltraLLaDA.Data.Sources;

namespace UltraLLaDA.Data.Tests.Sources;

internal static class SourceReading
{
    /// <summary>Reads everything from <paramref name="startOrdinal"/>.</summary>
    public static async Task<List<SourceDocument>> ReadAllAsync(this IDocumentSource source, long startOrdinal = 0)
    {
        var documents = new List<SourceDocument>();
        await foreach (var document in source.ReadAsync(startOrdinal))
            documents.Add(document);
        return documents;
    }
}
