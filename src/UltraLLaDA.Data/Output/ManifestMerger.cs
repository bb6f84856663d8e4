using UltraLLaDA.Data.Formats;
using UltraLLaDA.Data.Pipeline;

namespace UltraLLaDA.Data.Output;

/// <summary>
/// Joins the outputs of a partitioned job (<c>--partition I/N</c>, one run per part) in one split folder:
/// checks that all N parts are there, complete and made with the same configuration, then writes
/// <c>manifest.json</c> listing every shard (part by part) with summed totals, and
/// <c>documents.jsonl</c> with every part's documents merged back into ordinal order.
/// </summary>
public static class ManifestMerger
{
    public static SplitManifest Merge(string splitFolder)
    {
        if (!Directory.Exists(splitFolder))
            throw new PackJobException($"{splitFolder}: no such folder.");
        var parts = OutputFolder.PartManifests(splitFolder)
            .Select(path => OutputFolder.TryParsePartManifest(Path.GetFileName(path), out var index, out var count) ? (Path: path, Index: index, Count: count) : default)
            .OrderBy(p => p.Index)
            .ToList();
        if (parts.Count == 0)
            throw new PackJobException($"{splitFolder}: no part manifests (manifest.partIIIofNNN.json) to merge.");
        var count = parts[0].Count;
        if (parts.Any(p => p.Count != count))
            throw new PackJobException($"{splitFolder}: part manifests of different partition counts ({string.Join(", ", parts.Select(p => Path.GetFileName(p.Path)))}).");
        var missing = Enumerable.Range(0, count).Except(parts.Select(p => p.Index)).ToList();
        if (missing.Count > 0)
            throw new PackJobException(PackProblem.PartsNotReady, $"{splitFolder}: parts {string.Join(", ", missing.Select(m => $"{m}/{count}"))} are missing; run them before merging.");

        var manifests = parts.Select(p => (p.Path, Manifest: ManifestFile.Read(p.Path))).ToList();
        foreach (var (path, manifest) in manifests)
        {
            if (!manifest.Complete || manifest.Totals is null)
                throw new PackJobException(PackProblem.PartsNotReady, $"{path}: that part has not finished; resume it before merging.");
        }

        var config = manifests[0].Manifest.Config with { Partition = null };
        foreach (var (path, manifest) in manifests)
        {
            if (manifest.Config with { Partition = null } != config)
                throw new PackJobException($"{path}: made with another configuration than {Path.GetFileName(manifests[0].Path)}; parts of one job must share every setting.");
        }

        var shards = new List<ShardEntry>();
        long firstRecord = 0;
        foreach (var (_, manifest) in manifests)
        {
            foreach (var shard in manifest.Shards)
            {
                shards.Add(shard with { FirstRecord = firstRecord });
                firstRecord += shard.Records;
            }
        }

        var totals = manifests.Select(m => m.Manifest.Totals!).ToList();
        var records = totals.Sum(t => t.Records);
        var tokens = totals.Sum(t => t.Tokens);
        var merged = new SplitManifest
        {
            Config = config,
            Input = manifests[0].Manifest.Input,
            Complete = true,
            Shards = shards,
            Documents = OutputFolder.DocumentsName,
            Parts = manifests.Select(m => Path.GetFileName(m.Path)).ToList(),
            Totals = new ManifestTotals(
                totals.Sum(t => t.Documents),
                totals.Sum(t => t.EmptyDocuments),
                totals.Sum(t => t.NullDocuments),
                tokens,
                records,
                totals.Sum(t => t.PaddingTokens),
                totals.Sum(t => t.DroppedTokens),
                // Not applicable in the parts (a format that does not pack): not applicable in the whole.
                totals.Any(t => t.Fill is null) ? null : ManifestTotals.FillOf(tokens, records, config.SeqLen),
                totals.Sum(t => t.CutDocuments),
                totals.Any(t => t.PiecesBeyondFewest is null) ? null : totals.Sum(t => t.PiecesBeyondFewest)),
        };

        MergeDocuments(splitFolder, manifests.Select(m => Path.Combine(splitFolder, m.Manifest.Documents ?? throw new PackJobException($"{m.Path}: no documents table named."))).ToList());
        if (ShardFormats.TryGet(config.Format, out var format) && format is ISplitCompletion completion)
            merged = completion.Completing(splitFolder, merged);
        ManifestFile.Write(Path.Combine(splitFolder, OutputFolder.ManifestName), merged);
        return merged;
    }

    /// <summary>K-way merge of the parts' documents tables (each in ordinal order) into one, line by line as the parts hold them, through the table's partial file.</summary>
    private static void MergeDocuments(string folder, List<string> tables)
    {
        var target = Path.Combine(folder, OutputFolder.DocumentsName);
        var readers = new List<DocumentTableReader>();
        try
        {
            foreach (var table in tables)
                readers.Add(File.Exists(table) ? DocumentTableReader.Open(table) : throw new PackJobException($"{table}: missing documents table."));
            var heads = new PriorityQueue<(DocumentTableLine Line, int Reader), long>();
            for (var i = 0; i < readers.Count; i++)
                Advance(readers, i, heads);
            using var output = DocumentTableWriter.Open(target, keepBefore: null);
            while (heads.TryDequeue(out var head, out _))
            {
                output.AddLine(head.Line);
                Advance(readers, head.Reader, heads);
            }

            output.Complete();
        }
        finally
        {
            foreach (var reader in readers)
                reader.Dispose();
        }
    }

    private static void Advance(List<DocumentTableReader> readers, int i, PriorityQueue<(DocumentTableLine, int), long> heads)
    {
        if (!readers[i].TryRead(out var line))
            return;
        if (!line.TryReadDoc(out var doc, out var error))
            throw new PackJobException($"{readers[i].Path}: line {line.Number} is not a document entry: {error}");
        heads.Enqueue((line, i), doc);
    }
}
