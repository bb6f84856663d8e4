using UltraLLaDA.Data.Output;

namespace UltraLLaDA.Data.Inspection;

/// <summary>A merged manifest verify found and the part units it must join exactly (<see cref="MergeCheck"/>).</summary>
internal sealed record VerificationMergeJoin(string Path, SplitManifest Manifest, List<VerificationUnit> Parts);
