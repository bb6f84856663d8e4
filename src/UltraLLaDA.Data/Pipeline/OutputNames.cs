using System.Globalization;

namespace UltraLLaDA.Data.Pipeline;

/// <summary>
/// File names inside a split folder: <c>train-00000.ulds</c>, <c>manifest.json</c>, <c>documents.jsonl</c>;
/// a partitioned job tags each name with its part, e.g. <c>train-part002of008-00000.ulds</c>,
/// <c>manifest.part002of008.json</c>, so all parts can write into the same folder.
/// </summary>
public sealed record OutputNames(string Split, int PartitionIndex = 0, int PartitionCount = 1)
{
    public bool IsPartitioned => PartitionCount > 1;

    public string? PartitionText => IsPartitioned ? $"{PartitionIndex}/{PartitionCount}" : null;

    public string Shard(int index) => IsPartitioned
        ? string.Create(CultureInfo.InvariantCulture, $"{Split}-{PartTag}-{index:D5}.ulds")
        : string.Create(CultureInfo.InvariantCulture, $"{Split}-{index:D5}.ulds");

    public string Manifest => IsPartitioned ? $"manifest.{PartTag}.json" : "manifest.json";

    public string Documents => IsPartitioned ? $"documents.{PartTag}.jsonl" : "documents.jsonl";

    /// <summary>True for a file this job (this partition) writes, finished or partial.</summary>
    public bool Owns(string fileName)
    {
        var prefix = IsPartitioned ? $"{Split}-{PartTag}-" : $"{Split}-";
        if (fileName.StartsWith(prefix, StringComparison.Ordinal)
            && (fileName.EndsWith(".ulds", StringComparison.Ordinal) || fileName.EndsWith(".ulds.partial", StringComparison.Ordinal)))
        {
            var number = fileName[prefix.Length..].Split('.')[0];
            return number.Length == 5 && number.All(char.IsAsciiDigit);
        }

        return fileName == Manifest || fileName == Manifest + ".tmp" || fileName == Documents || fileName == Documents + ".partial";
    }

    private string PartTag => string.Create(CultureInfo.InvariantCulture, $"part{PartitionIndex:D3}of{PartitionCount:D3}");
}
