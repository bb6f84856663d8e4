using UltraLLaDA.Data.Sources.HuggingFaceParquet;
using UltraLLaDA.Data.Sources.JsonLines;

namespace UltraLLaDA.Data.Sources;

/// <summary>
/// Where a document sits in its input file, worded for a person: JSONL lines and Parquet rows are counted
/// from 1 (line 1 is the first line, as an editor shows it), while <see cref="SourceDocument.Row"/> and the
/// documents table's "row" stay 0-based. Every message that names a document's place uses this wording,
/// so "train.jsonl:2" means the same in a pack error, in <c>show</c> and in <see cref="SourceDataException"/>.
/// </summary>
public static class SourcePlace
{
    /// <summary>"train.jsonl:2" (the JSONL file's 2nd line), "pg19.parquet row 2" (its 2nd row), or the file alone (one file per book).</summary>
    /// <param name="source">The file, as <see cref="SourceDocument.Source"/> names it.</param>
    /// <param name="row">The 0-based row or line, as <see cref="SourceDocument.Row"/> holds it.</param>
    public static string Describe(string source, long row)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (HasExtension(source, InputStreams.Extensions))
            return $"{source}:{row + 1}";
        if (HasExtension(source, ParquetDocumentSource.Extensions))
            return $"{source} row {row + 1}";
        return source;
    }

    private static bool HasExtension(string source, IEnumerable<string> extensions) =>
        extensions.Any(e => source.EndsWith(e, StringComparison.OrdinalIgnoreCase));
}
