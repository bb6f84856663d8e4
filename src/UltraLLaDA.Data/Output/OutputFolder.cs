using System.Globalization;
using System.Text.RegularExpressions;
using UltraLLaDA.Data.Formats;

namespace UltraLLaDA.Data.Output;

/// <summary>
/// The one owner of a split folder's layout: the names of its manifests and documents tables, how part
/// files are named and found, and which shards the split holds in which order. Pack, merge-manifests,
/// inspect, verify and the training loader all read the folder through here.
/// </summary>
public static partial class OutputFolder
{
    /// <summary>The manifest of an unpartitioned (or merged) split.</summary>
    public const string ManifestName = "manifest.json";

    /// <summary>The documents table of an unpartitioned (or merged) split.</summary>
    public const string DocumentsName = "documents.jsonl";

    /// <summary>The tag a partition puts in its file names: <c>part002of008</c>.</summary>
    public static string PartTag(int index, int count) => string.Create(CultureInfo.InvariantCulture, $"part{index:D3}of{count:D3}");

    /// <summary>The manifest of partition <paramref name="partTag"/> (or the whole split's, for null).</summary>
    public static string ManifestNameOf(string? partTag) => partTag is null ? ManifestName : $"manifest.{partTag}.json";

    /// <summary>The documents table of partition <paramref name="partTag"/> (or the whole split's, for null).</summary>
    public static string DocumentsNameOf(string? partTag) => partTag is null ? DocumentsName : $"documents.{partTag}.jsonl";

    /// <summary>The part tag in a file name (a part's shard, manifest or documents table), or null.</summary>
    public static string? PartTagIn(string fileName)
    {
        var match = PartTagPattern().Match(fileName);
        return match.Success ? match.Value : null;
    }

    /// <summary>Reads a part manifest's name: <c>manifest.partIIIofNNN.json</c>.</summary>
    public static bool TryParsePartManifest(string fileName, out int index, out int count)
    {
        var match = PartManifestPattern().Match(fileName);
        index = match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        count = match.Success ? int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : 0;
        return match.Success;
    }

    /// <summary>The part manifests in <paramref name="folder"/>, in part order.</summary>
    public static IReadOnlyList<string> PartManifests(string folder) =>
        Directory.EnumerateFiles(folder, "manifest.part*.json")
            .Where(f => TryParsePartManifest(Path.GetFileName(f), out _, out _))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Every shard file of <paramref name="format"/> (ULDS by default) in the folder, in name order, listed or not.</summary>
    public static IReadOnlyList<string> ShardFiles(string folder, IShardFormat? format = null) =>
        Directory.EnumerateFiles(folder, "*" + (format ?? ShardFormats.Default).Extensions[0]).Order(StringComparer.Ordinal).ToList();

    /// <summary>True when <paramref name="folder"/> holds a manifest or shards itself.</summary>
    public static bool IsSplitFolder(string folder) =>
        File.Exists(Path.Combine(folder, ManifestName)) || PartManifests(folder).Count > 0 || ShardFiles(folder).Count > 0;

    /// <summary>
    /// The split's shards in split order: the merged manifest's list, else each part manifest's in part
    /// order, else every shard file in name order. Throws <see cref="InvalidDataException"/> for a manifest that cannot be read.
    /// </summary>
    public static IReadOnlyList<string> ListShards(string folder)
    {
        var merged = Path.Combine(folder, ManifestName);
        if (File.Exists(merged))
            return Listed(merged);
        var parts = PartManifests(folder);
        return parts.Count > 0 ? parts.SelectMany(Listed).ToList() : ShardFiles(folder);

        List<string> Listed(string manifest) => ManifestFile.Read(manifest).Shards.Select(s => Path.Combine(folder, s.File)).ToList();
    }

    [GeneratedRegex(@"^manifest\.part(\d{3})of(\d{3})\.json$")]
    private static partial Regex PartManifestPattern();

    [GeneratedRegex(@"part\d{3}of\d{3}")]
    private static partial Regex PartTagPattern();
}
