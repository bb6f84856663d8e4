using UltraLLaDA.Data.Sources;

namespace UltraLLaDA.Data.Evaluation;

/// <summary>Where a set's text comes from: any input `pack` reads, one split of it.</summary>
/// <param name="Path">A PG-19 folder, Parquet file(s) or JSONL.</param>
/// <param name="Split">The split (the paper evaluates on PG-19's test split).</param>
/// <param name="Layout">How to read the input; Auto detects it as `pack` does.</param>
public sealed record EvalInput(string Path, string Split = EvalDefaults.Split, SourceLayout Layout = SourceLayout.Auto)
{
    /// <summary>The split's documents with text, in split order, read by the same sources as `pack`.</summary>
    internal async IAsyncEnumerable<SourceDocument> DocumentsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var source = DocumentSources.Open(Path, Split, null, Layout);
        await foreach (var document in source.ReadAsync(0, cancellationToken).ConfigureAwait(false))
        {
            if (!string.IsNullOrEmpty(document.Text))
                yield return document;
        }
    }

    /// <summary>How the index names the input: as given, with the split.</summary>
    internal string Describe() => $"{Path} (split {Split})";
}
