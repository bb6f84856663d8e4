namespace UltraLLaDA.Data.Sources;

/// <summary>
/// One input file of a split.
/// </summary>
/// <param name="FullPath">Absolute path on disk.</param>
/// <param name="RelativePath">
/// Path relative to the input root with '/' separators (the file name alone for a single-file input).
/// Files of a split are ordered by this string with <see cref="StringComparer.Ordinal"/>.
/// </param>
public sealed record SourceFile(string FullPath, string RelativePath);
