namespace UltraLLaDA.Data.Inspection;

/// <summary>The step of verify between planning and reading: a unit's shards listed, and its documents table read and checked for order.</summary>
internal static class CatalogLoad
{
    public static void Load(VerificationUnit unit, VerificationProblems problems)
    {
        for (var i = 0; i < unit.Files.Count; i++)
        {
            var file = unit.Files[i];
            unit.Shards.Add(new VerifiedShard { Unit = unit, Position = i, Path = file, Display = file });
        }

        if (unit.CatalogPath is not { } path)
            return;
        if (!File.Exists(path))
        {
            if (unit.WholeSplit)
                problems.Add(path, null, "is missing: the records cannot be checked against the documents");
            return;
        }

        try
        {
            unit.Catalog = DocumentCatalog.Read(path);
            foreach (var problem in unit.Catalog.Problems)
                problems.Add(path, null, problem);
            if (unit.WholeSplit && unit.Manifest?.Config.Partition is null)
                CheckDense(unit.Catalog, path, problems);
        }
        catch (IOException e)
        {
            problems.Add(path, null, $"cannot be read: {e.Message}");
        }
    }

    private static void CheckDense(DocumentCatalog catalog, string path, VerificationProblems problems)
    {
        for (var i = 0; i < catalog.Count; i++)
        {
            if (catalog[i].Doc != i)
            {
                problems.Add(path, null, $"entry {i} is document {catalog[i].Doc}: an unpartitioned split's table lists every document 0, 1, 2, ... in order");
                return;
            }
        }
    }
}
