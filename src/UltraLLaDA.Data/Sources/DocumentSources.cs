using UltraLLaDA.Data.Sources.HuggingFaceParquet;
using UltraLLaDA.Data.Sources.JsonLines;
using UltraLLaDA.Data.Sources.Pg19Text;

namespace UltraLLaDA.Data.Sources;

/// <summary>
/// Opens an input path as a <see cref="IDocumentSource"/>, detecting its layout.
/// </summary>
/// <remarks>
/// <para>Layouts, tried in this order on a folder (see <see cref="DetectLayout"/>):
/// Parquet (any .parquet file under it), PG-19 txt (a metadata.csv in it, or .txt files under train/, validation/ or test/),
/// JSONL (any .jsonl, .jsonl.gz or .jsonl.zst file under it). A folder holding several (such as the PG-19 sample,
/// which has both Parquet and txt) is read as the first unless a layout is named.</para>
/// <para>Split files in a Parquet or JSONL folder: <c>&lt;split&gt;.ext</c>, <c>&lt;split&gt;-*.ext</c>,
/// <c>&lt;split&gt;_*.ext</c>, or any file under a folder named <c>&lt;split&gt;</c>, searched recursively, hidden
/// entries left out. PG-19 txt: <c>&lt;root&gt;/&lt;split&gt;/**/*.txt</c>.</para>
/// <para>A single file is the whole input and is read whatever split is asked for, with one exception: when its
/// name names one of train, validation, test (<c>validation.parquet</c>, <c>train-0001.jsonl</c>) and a different
/// split is asked for, that is an error, as it is almost surely a mistake.</para>
/// </remarks>
public static class DocumentSources
{
    /// <summary>Opens split <paramref name="split"/> of <paramref name="inputPath"/>.</summary>
    /// <param name="inputPath">A .parquet/.jsonl/.jsonl.gz/.jsonl.zst file, or a folder.</param>
    /// <param name="split">Split to read, such as train, validation or test (any plain name).</param>
    /// <param name="partition">Part of the split's files to read; null reads them all.</param>
    /// <param name="layout">Layout to read the input as; <see cref="SourceLayout.Auto"/> detects it.</param>
    /// <exception cref="FileNotFoundException">Nothing exists at <paramref name="inputPath"/>.</exception>
    /// <exception cref="SourceDataException">The input's layout cannot be told, the split has no files, a single file
    /// names another split, or metadata.csv is malformed. Errors in the files' contents surface while enumerating.</exception>
    public static IDocumentSource Open(string inputPath, string split, PartitionSpec? partition = null, SourceLayout layout = SourceLayout.Auto)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(inputPath);
        SplitNames.Validate(split);
        partition ??= PartitionSpec.Whole;
        string root = Path.GetFullPath(inputPath);
        if (File.Exists(root))
            return OpenFile(root, split, partition, layout);
        if (!Directory.Exists(root))
            throw new FileNotFoundException($"input not found: {root}", root);

        if (layout == SourceLayout.Auto)
            layout = DetectLayout(root);
        IReadOnlyList<SourceFile> files = layout switch
        {
            SourceLayout.Parquet => InputFiles.ForSplit(root, ParquetDocumentSource.Extensions, split),
            SourceLayout.Pg19Text => Pg19TextDocumentSource.FilesOf(root, split),
            _ => InputFiles.ForSplit(root, InputStreams.Extensions, split),
        };
        if (files.Count == 0)
        {
            string found = string.Join(", ", ListSplits(root, layout));
            throw new SourceDataException(root, null,
                $"has no {Describe(layout)} files for split '{split}' (standard splits found: {(found.Length == 0 ? "none" : found)})");
        }

        return layout switch
        {
            SourceLayout.Parquet => new ParquetDocumentSource(root, split, files, partition),
            SourceLayout.Pg19Text => new Pg19TextDocumentSource(root, split, files, partition, LoadMetadata(root)),
            _ => new JsonLinesDocumentSource(root, split, files, partition),
        };
    }

    /// <summary>Which of train, validation, test (in that order) have at least one file in <paramref name="inputPath"/>,
    /// for reading "all" splits. A single file lists the standard split its name names, or none.</summary>
    /// <exception cref="FileNotFoundException">Nothing exists at <paramref name="inputPath"/>.</exception>
    public static IReadOnlyList<string> ListSplits(string inputPath, SourceLayout layout = SourceLayout.Auto)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(inputPath);
        string root = Path.GetFullPath(inputPath);
        if (File.Exists(root))
        {
            var (_, extensionLength) = FileLayout(root);
            return SplitNames.StandardSplitOf(Path.GetFileName(root), extensionLength) is { } named ? [named] : [];
        }

        if (!Directory.Exists(root))
            throw new FileNotFoundException($"input not found: {root}", root);
        if (layout == SourceLayout.Auto)
            layout = DetectLayout(root);
        return layout switch
        {
            SourceLayout.Parquet => InputFiles.StandardSplits(root, ParquetDocumentSource.Extensions),
            SourceLayout.Pg19Text => [.. SplitNames.Standard.Where(split => Pg19TextDocumentSource.FilesOf(root, split).Count > 0)],
            _ => InputFiles.StandardSplits(root, InputStreams.Extensions),
        };
    }

    /// <summary>The layout <see cref="Open"/> reads <paramref name="inputPath"/> as when none is named: by extension
    /// for a file; for a folder, Parquet, then PG-19 txt, then JSONL, the first one present.</summary>
    /// <exception cref="FileNotFoundException">Nothing exists at <paramref name="inputPath"/>.</exception>
    /// <exception cref="SourceDataException">The file's type or the folder's layout is none of these.</exception>
    public static SourceLayout DetectLayout(string inputPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(inputPath);
        string root = Path.GetFullPath(inputPath);
        if (File.Exists(root))
            return FileLayout(root).Layout;
        if (!Directory.Exists(root))
            throw new FileNotFoundException($"input not found: {root}", root);
        if (InputFiles.Any(root, ParquetDocumentSource.Extensions))
            return SourceLayout.Parquet;
        if (File.Exists(Path.Combine(root, Pg19TextDocumentSource.MetadataFileName))
            || SplitNames.Standard.Any(split => Pg19TextDocumentSource.FilesOf(root, split).Count > 0))
        {
            return SourceLayout.Pg19Text;
        }

        if (InputFiles.Any(root, InputStreams.Extensions))
            return SourceLayout.JsonLines;
        throw new SourceDataException(root, null,
            "holds no .parquet files, no PG-19 layout (metadata.csv, <split>/*.txt) and no .jsonl/.jsonl.gz/.jsonl.zst files");
    }

    private static IDocumentSource OpenFile(string path, string split, PartitionSpec partition, SourceLayout layout)
    {
        var (fileLayout, extensionLength) = FileLayout(path);
        if (layout != SourceLayout.Auto && layout != fileLayout)
            throw new SourceDataException(path, null, $"is a {Describe(fileLayout)} file, not {Describe(layout)} as asked");
        var file = new SourceFile(path, Path.GetFileName(path));
        if (SplitNames.StandardSplitOf(file.RelativePath, extensionLength) is { } named && named != split)
            throw new SourceDataException(path, null, $"is the '{named}' split by its name, but split '{split}' was asked for");
        return fileLayout == SourceLayout.Parquet
            ? new ParquetDocumentSource(path, split, [file], partition)
            : new JsonLinesDocumentSource(path, split, [file], partition);
    }

    private static (SourceLayout Layout, int ExtensionLength) FileLayout(string path)
    {
        foreach (string extension in ParquetDocumentSource.Extensions)
        {
            if (path.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
                return (SourceLayout.Parquet, extension.Length);
        }

        foreach (string extension in InputStreams.Extensions)
        {
            if (path.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
                return (SourceLayout.JsonLines, extension.Length);
        }

        throw new SourceDataException(path, null, "is not a .parquet, .jsonl, .jsonl.gz or .jsonl.zst file (a PG-19 txt input is a folder)");
    }

    private static IReadOnlyDictionary<string, Pg19BookMetadata> LoadMetadata(string root)
    {
        string path = Path.Combine(root, Pg19TextDocumentSource.MetadataFileName);
        return File.Exists(path) ? Pg19MetadataCsv.Load(path) : new Dictionary<string, Pg19BookMetadata>();
    }

    /// <summary>The layout's name as messages and the pack summary give it: Parquet, PG-19 txt or JSONL.</summary>
    public static string Describe(SourceLayout layout) => layout switch
    {
        SourceLayout.Parquet => "Parquet",
        SourceLayout.Pg19Text => "PG-19 txt",
        SourceLayout.JsonLines => "JSONL",
        _ => layout.ToString(),
    };
}
