using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Output;

namespace UltraLLaDA.Data.Inspection;

/// <summary>What verify checks as one: a split (or part) listed by a manifest, a folder of unlisted shards, or one shard.</summary>
internal sealed class VerificationUnit
{
    public required string Folder { get; init; }

    public string? ManifestPath { get; init; }

    public SplitManifest? Manifest { get; init; }

    public required List<string> Files { get; init; }

    public string? CatalogPath { get; init; }

    public DocumentCatalog? Catalog { get; set; }

    /// <summary>True when the unit is a whole split (or part) listed by a manifest: start, end and totals can be checked.</summary>
    public required bool WholeSplit { get; init; }

    public List<VerifiedShard> Shards { get; } = [];

    /// <summary>The tiling rules of the strategy the manifest names (concat without a manifest, as every job before the strategy seam).</summary>
    public ITilingRules Tiling => PackingStrategies.TryGet(Manifest?.Config.Pack, out var strategy) ? strategy.Tiling : PackingStrategies.Default.Tiling;
}
