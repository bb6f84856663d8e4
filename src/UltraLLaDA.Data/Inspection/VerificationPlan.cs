namespace UltraLLaDA.Data.Inspection;

/// <summary>What verify will read and check: the units (each with its shards), the merged manifests to join, and how many manifests were read.</summary>
internal sealed class VerificationPlan
{
    public List<VerificationUnit> Units { get; } = [];

    public List<VerificationMergeJoin> Joins { get; } = [];

    public int Manifests { get; set; }
}
