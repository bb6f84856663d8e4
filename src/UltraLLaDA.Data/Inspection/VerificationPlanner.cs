using UltraLLaDA.Data.Output;

namespace UltraLLaDA.Data.Inspection;

/// <summary>
/// The planning step of verify: what a path holds (one shard, a split folder, a folder of split
/// folders), which manifests list which shards, which merged manifests join which parts, and what in
/// a folder no manifest lists. Problems found while planning (unreadable or missing manifests, stray
/// shards) go to the problem list; the shards are read later.
/// </summary>
internal sealed class VerificationPlanner
{
    private readonly VerificationProblems _problems;
    private readonly VerificationPlan _plan = new();

    private VerificationPlanner(VerificationProblems problems) => _problems = problems;

    /// <exception cref="InspectionInputException">Nothing to verify at <paramref name="path"/>.</exception>
    public static VerificationPlan Plan(string path, VerificationProblems problems)
    {
        var planner = new VerificationPlanner(problems);
        if (File.Exists(path))
        {
            var target = InspectionTargets.Resolve(path)[0];
            if (!target.IsSingleShard)
                throw new InspectionInputException($"{path}: give a shard (.ulds) or a folder to verify.");
            planner._plan.Units.Add(new VerificationUnit { Folder = target.Folder, Files = [path], CatalogPath = target.DocumentsPath, WholeSplit = false });
        }
        else if (Directory.Exists(path))
        {
            var folders = InspectionTargets.SplitFolders(path);
            if (folders.Count == 0)
                throw new InspectionInputException($"{path}: holds no shards (*.ulds) or manifests, and no split folder that does.");
            foreach (var folder in folders)
                planner.PlanFolder(folder);
        }
        else
        {
            throw new InspectionInputException($"{path}: no such file or folder.");
        }

        return planner._plan;
    }

    private void PlanFolder(string folder)
    {
        var mergedPath = Path.Combine(folder, OutputFolder.ManifestName);
        var partPaths = InspectionTargets.PartManifests(folder);
        var listed = new HashSet<string>(StringComparer.Ordinal);
        SplitManifest? merged = null;
        if (File.Exists(mergedPath))
        {
            merged = ReadManifest(mergedPath);
            if (merged is not null)
                listed.UnionWith(merged.Shards.Select(s => s.File));
        }

        var parts = new List<VerificationUnit>();
        if (merged is { Parts: { Count: > 0 } named })
        {
            foreach (var name in named.Where(name => !File.Exists(Path.Combine(folder, name))))
                _problems.Add(mergedPath, null, $"names part manifest {name}, which is missing: that part's records cannot be checked against its documents");
        }

        foreach (var partPath in partPaths)
        {
            var part = ReadManifest(partPath);
            if (part is null)
                continue;
            listed.UnionWith(part.Shards.Select(s => s.File));
            var unit = ManifestUnit(folder, partPath, part);
            parts.Add(unit);
            _plan.Units.Add(unit);
        }

        if (merged is not null)
        {
            if (merged.Parts is { Count: > 0 })
                _plan.Joins.Add(new VerificationMergeJoin(mergedPath, merged, parts));
            else if (parts.Count == 0)
                _plan.Units.Add(ManifestUnit(folder, mergedPath, merged));
            else
                _problems.Add(mergedPath, null, $"lists no parts, but the folder holds part manifests ({string.Join(", ", parts.Select(p => Path.GetFileName(p.ManifestPath)))})");
        }

        var onDisk = OutputFolder.ShardFiles(folder).Select(f => Path.GetFileName(f)!).ToList();
        if (merged is null && partPaths.Count == 0)
        {
            if (!File.Exists(mergedPath))
                _problems.Add(mergedPath, null, "is missing: without a manifest only each shard's own format can be checked (no file hashes, counts, totals or document tiling)");
            _plan.Units.Add(new VerificationUnit { Folder = folder, Files = onDisk.Select(f => Path.Combine(folder, f)).ToList(), CatalogPath = null, WholeSplit = false });
            return;
        }

        foreach (var stray in onDisk.Where(f => !listed.Contains(f)))
            _problems.Add(Path.Combine(folder, stray), null, "is not listed in any manifest of its folder (left over from another run, or the manifest lost it)");
    }

    private VerificationUnit ManifestUnit(string folder, string manifestPath, SplitManifest manifest)
    {
        var documents = manifest.Documents is { } name ? Path.Combine(folder, name) : null;
        if (documents is null)
            _problems.Add(manifestPath, null, "names no documents table: the records cannot be checked against the documents");
        return new VerificationUnit
        {
            Folder = folder,
            ManifestPath = manifestPath,
            Manifest = manifest,
            Files = manifest.Shards.Select(s => Path.Combine(folder, s.File)).ToList(),
            CatalogPath = documents,
            WholeSplit = true,
        };
    }

    private SplitManifest? ReadManifest(string path)
    {
        _plan.Manifests++;
        try
        {
            return ManifestFile.Read(path);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            _problems.Add(path, null, $"cannot be read: {e.Message.Replace(path + ": ", string.Empty, StringComparison.Ordinal)}");
            return null;
        }
    }
}
