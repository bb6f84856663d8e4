namespace UltraLLaDA.Data.Sources;

/// <summary>
/// The kinds of input a <see cref="DocumentSources"/> can open.
/// </summary>
public enum SourceLayout
{
    /// <summary>Detect from the input path (see <see cref="DocumentSources.DetectLayout"/>).</summary>
    Auto = 0,

    /// <summary>Hugging Face PG-19 Parquet: a .parquet file or a folder of them.</summary>
    Parquet,

    /// <summary>The original PG-19 release: <c>&lt;split&gt;/&lt;id&gt;.txt</c> plus a header-less <c>metadata.csv</c>.</summary>
    Pg19Text,

    /// <summary>JSON Lines with a "text" field: .jsonl, .jsonl.gz or .jsonl.zst, a file or a folder of them.</summary>
    JsonLines,
}
