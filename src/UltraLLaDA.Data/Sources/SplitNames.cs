namespace UltraLLaDA.Data.Sources;

/// <summary>
/// How a file's relative path says which split it belongs to, for folders of Parquet or JSONL files.
/// </summary>
/// <remarks>
/// A file belongs to split S when its name without extension is S, or starts with "S-" or "S_"
/// (HF's <c>train-00000-of-00010.parquet</c>), or when one of its folders is named S
/// (<c>train/0000.parquet</c>). Names compare case-sensitively.
/// A file can so belong to two splits (<c>train/test-0.parquet</c>); such a layout is the user's to avoid.
/// </remarks>
internal static class SplitNames
{
    /// <summary>The splits <see cref="DocumentSources.ListSplits"/> looks for, in the order it lists them.</summary>
    public static IReadOnlyList<string> Standard { get; } = ["train", "validation", "test"];

    /// <summary>Whether the file at <paramref name="relativePath"/> ('/'-separated) belongs to <paramref name="split"/>.</summary>
    /// <param name="relativePath">Path relative to the input root.</param>
    /// <param name="split">The split asked for.</param>
    /// <param name="extensionLength">Length of the file's extension (".jsonl.gz" counts whole) to leave out of its name.</param>
    public static bool FileBelongsTo(string relativePath, string split, int extensionLength)
    {
        int nameStart = relativePath.LastIndexOf('/') + 1;
        var stem = relativePath.AsSpan(nameStart, relativePath.Length - nameStart - extensionLength);
        if (stem.StartsWith(split, StringComparison.Ordinal)
            && (stem.Length == split.Length || stem[split.Length] is '-' or '_'))
        {
            return true;
        }

        foreach (var folder in relativePath.AsSpan(0, Math.Max(nameStart - 1, 0)).Split('/'))
        {
            if (relativePath.AsSpan(folder).SequenceEqual(split))
                return true;
        }

        return false;
    }

    /// <summary>The standard split a file's path names, or null when it names none of them.</summary>
    public static string? StandardSplitOf(string relativePath, int extensionLength) =>
        Standard.FirstOrDefault(split => FileBelongsTo(relativePath, split, extensionLength));

    /// <summary>Rejects split names that could leave the input folder or are empty.</summary>
    public static void Validate(string split)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(split);
        if (split is "." or ".." || split.IndexOfAny(['/', '\\']) >= 0)
            throw new ArgumentException($"split '{split}' must be a plain name such as train, validation or test", nameof(split));
    }
}
