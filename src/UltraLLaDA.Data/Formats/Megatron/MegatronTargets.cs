using UltraLLaDA.Data.Inspection;
using UltraLLaDA.Data.Output;
using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Pipeline;

namespace UltraLLaDA.Data.Formats.Megatron;

/// <summary>
/// Which paths given to <c>inspect</c> and <c>verify</c> are Megatron output, and what they hold: a
/// .bin/.idx file (one pair), a manifest, a split folder, or a job's output folder whose split folders
/// all hold Megatron output.
/// </summary>
public static class MegatronTargets
{
    /// <summary>True when <paramref name="path"/> is Megatron output that these tools should read.</summary>
    public static bool Handles(string path)
    {
        if (File.Exists(path))
            return MegatronVerifier.IsPairFile(path) || (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && IsMegatronManifest(path));
        if (!Directory.Exists(path))
            return false;
        var folders = InspectionTargets.SplitFolders(path);
        return folders.Count > 0 && folders.All(f => Manifests(f).Count > 0 && Manifests(f).All(IsMegatronManifest));
    }

    /// <summary>
    /// The manifests that describe the splits at <paramref name="path"/>: per split folder its merged
    /// manifest.json, else its part manifests. A manifest path is itself.
    /// </summary>
    public static IReadOnlyList<string> Manifests(string path)
    {
        if (File.Exists(path))
            return [path];
        var merged = Path.Combine(path, OutputFolder.ManifestName);
        if (File.Exists(merged))
            return [merged];
        var parts = OutputFolder.PartManifests(path);
        return parts.Count > 0 ? parts : InspectionTargets.SplitFolders(path).Where(f => f != path).SelectMany(Manifests).ToList();
    }

    /// <summary>Verifies everything at <paramref name="path"/> (see <see cref="MegatronVerifier"/>).</summary>
    public static VerificationReport Verify(string path, VerifyOptions? options = null, CancellationToken cancellationToken = default) =>
        File.Exists(path) && MegatronVerifier.IsPairFile(path)
            ? MegatronVerifier.VerifyPair(path, options, cancellationToken)
            : MegatronVerifier.VerifySplits(Manifests(path), options, cancellationToken);

    /// <summary>One report per split (or part) at <paramref name="path"/>, or one for a lone pair.</summary>
    public static IReadOnlyList<MegatronInspectReport> Inspect(string path, CancellationToken cancellationToken = default)
    {
        if (File.Exists(path) && MegatronVerifier.IsPairFile(path))
        {
            var prefix = Path.Combine(Path.GetDirectoryName(path) ?? ".", MegatronShardFormat.PrefixOf(Path.GetFileName(path)));
            return [MegatronStatistics.Collect(Path.GetFileName(prefix), "pair", [prefix], null, cancellationToken)];
        }

        return Manifests(path).Select(manifestPath =>
        {
            var manifest = InspectionTargets.ReadManifest(manifestPath);
            var folder = Path.GetDirectoryName(manifestPath) is { Length: > 0 } d ? d : ".";
            var notPairs = manifest.Shards.Where(s => !MegatronVerifier.IsPairFile(s.File)).Select(s => s.File).ToList();
            if (notPairs.Count > 0)
                throw new InspectionInputException($"{manifestPath}: lists {string.Join(", ", notPairs)}, not Megatron .bin/.idx files.");
            var prefixes = manifest.Shards.Select(s => Path.Combine(folder, MegatronShardFormat.PrefixOf(s.File))).ToList();
            var name = manifest.Config.Split + (manifest.Config.Partition is { } p ? $" part {p}" : string.Empty);
            var eod = manifest.Config.Layout == SequenceLayout.Eod.ToWireName() ? manifest.Config.EodId : null;
            return MegatronStatistics.Collect(name, "split", prefixes, eod, cancellationToken);
        }).ToList();
    }

    private static bool IsMegatronManifest(string path)
    {
        try
        {
            return MegatronVerifier.Describes(ManifestFile.Read(path));
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
