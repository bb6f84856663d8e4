using System.Globalization;
using UltraLLaDA.Data.Formats;

namespace UltraLLaDA.Data.Output;

/// <summary>
/// File names inside a split folder: <c>train-00000.ulds</c>, <c>manifest.json</c>, <c>documents.jsonl</c>;
/// a partitioned job tags each name with its part, e.g. <c>train-part002of008-00000.ulds</c>,
/// <c>manifest.part002of008.json</c>, so all parts can write into the same folder.
/// </summary>
public sealed record OutputNames(string Split, int PartitionIndex = 0, int PartitionCount = 1)
{
    public bool IsPartitioned => PartitionCount > 1;

    public string? PartitionText => IsPartitioned ? $"{PartitionIndex}/{PartitionCount}" : null;

    /// <summary>The format whose files the split holds (its extensions name the shard files).</summary>
    public IShardFormat Format { get; init; } = ShardFormats.Default;

    /// <summary>Shard <paramref name="index"/>'s name without extension: its files are this + each of the format's extensions.</summary>
    public string ShardStem(int index) => IsPartitioned
        ? string.Create(CultureInfo.InvariantCulture, $"{Split}-{PartTag}-{index:D5}")
        : string.Create(CultureInfo.InvariantCulture, $"{Split}-{index:D5}");

    /// <summary>Shard <paramref name="index"/>'s main file.</summary>
    public string Shard(int index) => ShardStem(index) + Format.Extensions[0];

    public string Manifest => OutputFolder.ManifestNameOf(IsPartitioned ? PartTag : null);

    /// <summary>
    /// The lock file a running job holds (<see cref="Output.OutputFolderLock"/>): one per partition, since the
    /// parts of a job write into one folder at once. Never deleted, so two jobs always lock the same file.
    /// </summary>
    public string Lock => IsPartitioned ? $".pack.{PartTag}.lock" : ".pack.lock";

    public string Documents => OutputFolder.DocumentsNameOf(IsPartitioned ? PartTag : null);

    /// <summary>True for a file this job (this partition) writes, finished or partial.</summary>
    public bool Owns(string fileName)
    {
        var prefix = IsPartitioned ? $"{Split}-{PartTag}-" : $"{Split}-";
        if (fileName.StartsWith(prefix, StringComparison.Ordinal))
        {
            // The shard number is what lies between the prefix and an extension (which may itself hold
            // more than a dot-suffix, e.g. Megatron's "_text_document.bin").
            foreach (var extension in Format.Extensions)
            {
                foreach (var suffix in new[] { extension, extension + Format.PartialSuffix })
                {
                    if (fileName.Length > prefix.Length + suffix.Length && fileName.EndsWith(suffix, StringComparison.Ordinal))
                    {
                        var number = fileName[prefix.Length..^suffix.Length];
                        if (number.Length == 5 && number.All(char.IsAsciiDigit))
                            return true;
                    }
                }
            }
        }

        return fileName == Manifest || fileName == Manifest + ".tmp" || fileName == Documents || fileName == Documents + ".partial";
    }

    private string PartTag => OutputFolder.PartTag(PartitionIndex, PartitionCount);
}
