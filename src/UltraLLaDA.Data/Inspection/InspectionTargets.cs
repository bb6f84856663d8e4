using UltraLLaDA.Data.Formats.Megatron;
using UltraLLaDA.Data.Formats.Ulds;
using UltraLLaDA.Data.Output;

namespace UltraLLaDA.Data.Inspection;

/// <summary>
/// Turns a path given on the command line into what to inspect or verify, for every output format: a
/// shard file (a .ulds, or a Megatron .bin/.idx pair); a split folder (<c>OUT/train</c>, read through its
/// manifest.json, or through each part manifest when the parts have not been merged); or a job's output
/// folder (<c>OUT</c>), meaning every split folder under it. Each target says its format.
/// </summary>
public static class InspectionTargets
{
    /// <summary>Resolves <paramref name="path"/>; throws <see cref="InspectionInputException"/> when it holds nothing to inspect.</summary>
    public static IReadOnlyList<InspectionTarget> Resolve(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (File.Exists(path))
        {
            if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                return [FromManifest(path)];
            return [ForShard(path)];
        }

        if (!Directory.Exists(path))
            throw new InspectionInputException($"{path}: no such file or folder.");
        if (IsSplitFolder(path))
            return ForSplitFolder(path);
        var splits = SplitFolders(path);
        if (splits.Count == 0)
            throw new InspectionInputException($"{path}: holds no shards (*.ulds) or manifests, and no split folder that does.");
        return splits.SelectMany(ForSplitFolder).ToList();
    }

    /// <summary>
    /// The targets at <paramref name="path"/> when every one is Megatron output, so inspect, show, mask and
    /// verify take Megatron's path; null otherwise, also when <paramref name="path"/> cannot be resolved
    /// (the ULDS path then says why, in its words).
    /// </summary>
    public static IReadOnlyList<InspectionTarget>? ResolveMegatron(string path)
    {
        try
        {
            var targets = Resolve(path);
            return targets.Count > 0 && targets.All(t => t.IsMegatron) ? targets : null;
        }
        catch (InspectionInputException)
        {
            return null;
        }
    }

    /// <summary>
    /// The split folders at or under <paramref name="folder"/>: itself when it holds shards or a manifest,
    /// else those found in its subfolders (OUT/train, OUT/validation, ...), up to three levels down, in name order.
    /// </summary>
    public static IReadOnlyList<string> SplitFolders(string folder)
    {
        if (IsSplitFolder(folder))
            return [folder];
        var found = new List<string>();
        Search(folder, 3);
        return found;

        void Search(string parent, int depth)
        {
            foreach (var child in Directory.EnumerateDirectories(parent).Order(StringComparer.Ordinal))
            {
                if (IsSplitFolder(child))
                    found.Add(child);
                else if (depth > 1)
                    Search(child, depth - 1);
            }
        }
    }

    /// <summary>Resolves <paramref name="path"/> to exactly one target, or says why it cannot.</summary>
    public static InspectionTarget ResolveOne(string path)
    {
        var targets = Resolve(path);
        if (targets.Count != 1)
            throw new InspectionInputException($"{path}: holds {targets.Count} splits or parts ({string.Join(", ", targets.Select(t => t.Name))}); name one split folder, manifest or shard.");
        return targets[0];
    }

    /// <summary>True when <paramref name="folder"/> holds a manifest or shards itself.</summary>
    public static bool IsSplitFolder(string folder) => OutputFolder.IsSplitFolder(folder);

    /// <summary>The part manifests (manifest.partIIIofNNN.json) in <paramref name="folder"/>, in part order.</summary>
    public static IReadOnlyList<string> PartManifests(string folder) => OutputFolder.PartManifests(folder);

    /// <summary>Reads a manifest, turning its errors into <see cref="InspectionInputException"/>.</summary>
    public static SplitManifest ReadManifest(string path)
    {
        try
        {
            return ManifestFile.Read(path);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new InspectionInputException($"{path}: cannot read the manifest: {e.Message}", e);
        }
    }

    private static IReadOnlyList<InspectionTarget> ForSplitFolder(string folder)
    {
        var merged = Path.Combine(folder, OutputFolder.ManifestName);
        if (File.Exists(merged))
            return [FromManifest(merged)];
        var parts = PartManifests(folder);
        if (parts.Count > 0)
            return parts.Select(FromManifest).ToList();
        var shards = OutputFolder.ShardFiles(folder);
        var documents = Path.Combine(folder, OutputFolder.DocumentsName);
        return
        [
            new InspectionTarget
            {
                Name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder))),
                Folder = folder,
                Shards = shards,
                DocumentsPath = File.Exists(documents) ? documents : null,
            },
        ];
    }

    private static InspectionTarget FromManifest(string manifestPath)
    {
        var manifest = ReadManifest(manifestPath);
        var folder = Path.GetDirectoryName(manifestPath) is { Length: > 0 } d ? d : ".";
        var documents = manifest.Documents is { } name ? Path.Combine(folder, name) : null;
        var partition = manifest.Config.Partition is { } p ? $" part {p}" : string.Empty;
        return new InspectionTarget
        {
            Name = manifest.Config.Split + partition,
            Folder = folder,
            Shards = manifest.Shards.Select(s => Path.Combine(folder, s.File)).ToList(),
            ManifestPath = manifestPath,
            Manifest = manifest,
            DocumentsPath = documents is not null && File.Exists(documents) ? documents : null,
            Format = manifest.Config.Format,
        };
    }

    private static InspectionTarget ForShard(string path)
    {
        var folder = Path.GetDirectoryName(path) is { Length: > 0 } d ? d : ".";
        var file = Path.GetFileName(path);
        var documents = Path.Combine(folder, OutputFolder.DocumentsNameOf(OutputFolder.PartTagIn(file)));
        return new InspectionTarget
        {
            Name = file,
            Folder = folder,
            Shards = [path],
            DocumentsPath = File.Exists(documents) ? documents : null,
            IsSingleShard = true,
            Format = MegatronVerifier.IsPairFile(file) ? MegatronShardFormat.Instance.Name : UldsShardFormat.Instance.Name,
        };
    }
}
