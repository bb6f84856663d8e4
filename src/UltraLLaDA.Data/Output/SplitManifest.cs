using UltraLLaDA.Data.Pipeline;
namespace UltraLLaDA.Data.Output;

/// <summary>
/// manifest.json of one split folder: the job's config, every finished shard (with where the next
/// record begins, for resume), and, once the job completes, the totals. Rewritten atomically after
/// each shard, so it never lists a shard that is not complete on disk.
/// </summary>
public sealed record SplitManifest
{
    public string Format { get; init; } = "ulds-manifest";

    public int Version { get; init; } = 1;

    public required OutputConfig Config { get; init; }

    /// <summary>The --input the job was given (informational: not compared on resume).</summary>
    public string? Input { get; init; }

    public bool Complete { get; init; }

    public IReadOnlyList<ShardEntry> Shards { get; init; } = [];

    /// <summary>Set when <see cref="Complete"/>.</summary>
    public ManifestTotals? Totals { get; init; }

    /// <summary>File name of the documents table beside the manifest.</summary>
    public string? Documents { get; init; }

    /// <summary>For a merged manifest: the part manifests it joins.</summary>
    public IReadOnlyList<string>? Parts { get; init; }

    /// <summary>
    /// For Megatron output of a whole split: what follows <c>--data-path</c> (each pair's token count,
    /// then its prefix relative to the split folder). Null for other formats.
    /// </summary>
    public string? DataPath { get; init; }
}
