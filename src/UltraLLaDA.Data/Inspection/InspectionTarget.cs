using UltraLLaDA.Data.Formats.Megatron;
using UltraLLaDA.Data.Formats.Ulds;
using UltraLLaDA.Data.Output;

namespace UltraLLaDA.Data.Inspection;

/// <summary>
/// What the inspection commands look at: one shard file, or one split (or one part of a partitioned
/// split) of a pack job's output, with its shards in record order and, when there is one, its manifest
/// and documents table.
/// </summary>
public sealed record InspectionTarget
{
    /// <summary>A short name for output: the shard's file name, or the split (and part) name.</summary>
    public required string Name { get; init; }

    /// <summary>The folder holding the shards.</summary>
    public required string Folder { get; init; }

    /// <summary>Shard paths in record order.</summary>
    public required IReadOnlyList<string> Shards { get; init; }

    /// <summary>The manifest that lists the shards (null for a lone shard or a folder without one).</summary>
    public string? ManifestPath { get; init; }

    public SplitManifest? Manifest { get; init; }

    /// <summary>The documents table (documents.jsonl) beside the shards, when it exists.</summary>
    public string? DocumentsPath { get; init; }

    /// <summary>True when the target is one shard file given by path.</summary>
    public bool IsSingleShard { get; init; }

    /// <summary>
    /// The output format (<c>ulds</c> or <c>megatron</c>): the manifest's, or for a file given alone its
    /// extension's (a .bin or .idx is one Megatron pair). A folder without a manifest is read as ULDS shards.
    /// </summary>
    public string Format { get; init; } = UldsShardFormat.Instance.Name;

    /// <summary>True when the target is Megatron output (.bin/.idx pairs), which inspect and verify read their own way.</summary>
    public bool IsMegatron => Format == MegatronShardFormat.Instance.Name;
}
