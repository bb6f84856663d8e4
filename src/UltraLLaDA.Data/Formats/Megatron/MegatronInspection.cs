using UltraLLaDA.Data.Inspection;
using UltraLLaDA.Data.Packing;

namespace UltraLLaDA.Data.Formats.Megatron;

/// <summary><c>inspect</c> for Megatron targets (<see cref="InspectionTargets.ResolveMegatron"/>): one report per split or part, or one for a lone pair.</summary>
public static class MegatronInspection
{
    public static IReadOnlyList<MegatronInspectReport> Inspect(IReadOnlyList<InspectionTarget> targets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targets);
        return targets.Select(target =>
        {
            if (target.IsSingleShard)
            {
                var path = target.Shards[0];
                var pair = Path.Combine(Path.GetDirectoryName(path) ?? ".", MegatronShardFormat.PrefixOf(Path.GetFileName(path)));
                return MegatronStatistics.Collect(Path.GetFileName(pair), "pair", [pair], null, cancellationToken);
            }

            var manifest = target.Manifest!;
            var notPairs = manifest.Shards.Where(s => !MegatronVerifier.IsPairFile(s.File)).Select(s => s.File).ToList();
            if (notPairs.Count > 0)
                throw new InspectionInputException($"{target.ManifestPath}: lists {string.Join(", ", notPairs)}, not Megatron .bin/.idx files.");
            var prefixes = manifest.Shards.Select(s => Path.Combine(target.Folder, MegatronShardFormat.PrefixOf(s.File))).ToList();
            var eod = manifest.Config.Layout == SequenceLayout.Eod.ToWireName() ? manifest.Config.EodId : null;
            return MegatronStatistics.Collect(target.Name, "split", prefixes, eod, cancellationToken);
        }).ToList();
    }
}
