namespace UltraLLaDA.Data.Sources;

/// <summary>
/// Lists input files under a folder: recursively, leaving out hidden entries (names starting with '.', such as
/// caches), ordered by relative path with <see cref="StringComparer.Ordinal"/> so that the order, and with it every
/// ordinal, is the same on every machine.
/// </summary>
internal static class InputFiles
{
    private static readonly EnumerationOptions _recursive = new()
    {
        RecurseSubdirectories = true,
        IgnoreInaccessible = false,
        AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
        MatchType = MatchType.Simple,
    };

    /// <summary>All files under <paramref name="root"/> whose name ends with one of <paramref name="extensions"/>
    /// (compared ignoring case), each with the length of the extension it matched, in reading order.</summary>
    public static IReadOnlyList<(SourceFile File, int ExtensionLength)> Find(string root, IReadOnlyList<string> extensions)
    {
        var found = new List<(SourceFile, int)>();
        foreach (string path in Directory.EnumerateFiles(root, "*", _recursive))
        {
            string? extension = extensions.FirstOrDefault(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase));
            if (extension is null)
                continue;
            string relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            found.Add((new SourceFile(path, relative), extension.Length));
        }

        found.Sort((a, b) => StringComparer.Ordinal.Compare(a.Item1.RelativePath, b.Item1.RelativePath));
        return found;
    }

    /// <summary>Whether any file under <paramref name="root"/> ends with one of <paramref name="extensions"/>.</summary>
    public static bool Any(string root, IReadOnlyList<string> extensions) =>
        Directory.EnumerateFiles(root, "*", _recursive)
            .Any(path => extensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase)));

    /// <summary>The files of a folder input that belong to <paramref name="split"/> (see <see cref="SplitNames"/>).</summary>
    public static IReadOnlyList<SourceFile> ForSplit(string root, IReadOnlyList<string> extensions, string split) =>
        [.. Find(root, extensions).Where(f => SplitNames.FileBelongsTo(f.File.RelativePath, split, f.ExtensionLength)).Select(f => f.File)];

    /// <summary>The standard splits with at least one file in a folder input.</summary>
    public static IReadOnlyList<string> StandardSplits(string root, IReadOnlyList<string> extensions)
    {
        var files = Find(root, extensions);
        return [.. SplitNames.Standard.Where(split => files.Any(f => SplitNames.FileBelongsTo(f.File.RelativePath, split, f.ExtensionLength)))];
    }
}
