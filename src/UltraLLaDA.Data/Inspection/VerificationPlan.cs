using UltraLLaDA.Data.Pipeline;

namespace UltraLLaDA.Data.Inspection;

/// <summary>What verify will read and check: the units (each with its shards), the merged manifests to join, and how many manifests were read.</summary>
internal sealed class VerificationPlan
{
    public List<VerificationUnit> Units { get; } = [];

    public List<MergeJoin> Joins { get; } = [];

    public int Manifests { get; set; }

    /// <summary>A merged manifest and the part units it must join exactly.</summary>
    public sealed record MergeJoin(string Path, SplitManifest Manifest, List<VerificationUnit> Parts);
}
