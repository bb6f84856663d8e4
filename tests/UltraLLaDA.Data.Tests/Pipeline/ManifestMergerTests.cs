using UltraLLaDA.Data.Pipeline;
using UltraLLaDA.Data.Sources;
using UltraLLaDA.Data.Tests.Support;
using UltraLLaDA.Data.Output;

namespace UltraLLaDA.Data.Tests.Pipeline;

public class ManifestMergerTests
{
    private readonly PipelineTestCorpus _corpus = new(120, seed: 3);

    [Fact]
    public async Task Parts_merge_into_one_manifest_and_documents_table_in_ordinal_order()
    {
        using var temp = new TempDirectory();
        var whole = Path.Combine(temp.Path, "whole");
        var parted = Path.Combine(temp.Path, "parted");
        var reference = await _corpus.RunAsync(_corpus.Settings(whole));

        const int parts = 3;
        for (var part = 0; part < parts; part++)
        {
            var p = part;
            var settings = _corpus.Settings(parted) with { Names = new OutputNames("train", p, parts) };
            // Each "file" holds ten documents; a part reads every third file, with whole-split ordinals.
            await new PackJob(settings, new ByteTokenizer(), (first, token) => Filter(_corpus.Open(first, token), d => (d.Ordinal / 10) % parts == p)).RunAsync();
        }

        Assert.False(File.Exists(Path.Combine(parted, "manifest.json")));
        var merged = ManifestMerger.Merge(parted);

        Assert.Equal(File.ReadAllLines(Path.Combine(whole, "documents.jsonl")), File.ReadAllLines(Path.Combine(parted, "documents.jsonl")));
        Assert.Equal(reference.Manifest.Totals!.Documents, merged.Totals!.Documents);
        Assert.Equal(reference.Manifest.Totals.Tokens, merged.Totals.Tokens);
        Assert.Equal(reference.Manifest.Totals.NullDocuments, merged.Totals.NullDocuments);
        Assert.Equal(3, merged.Parts!.Count);
        Assert.Null(merged.Config.Partition);
        Assert.Equal(merged.Shards.Sum(s => s.Records), merged.Totals.Records);
        Assert.All(merged.Shards, s => Assert.True(File.Exists(Path.Combine(parted, s.File))));
        Assert.Equal(merged.Shards.Count, merged.Shards.Select(s => s.File).Distinct().Count());
    }

    [Fact]
    public async Task A_missing_part_is_named()
    {
        using var temp = new TempDirectory();
        var settings = _corpus.Settings(temp.Path) with { Names = new OutputNames("train", 0, 2) };
        await new PackJob(settings, new ByteTokenizer(), (first, token) => Filter(_corpus.Open(first, token), d => (d.Ordinal / 10) % 2 == 0)).RunAsync();
        var e = Assert.Throws<PackJobException>(() => ManifestMerger.Merge(temp.Path));
        Assert.Contains("parts 1/2 are missing", e.Message, StringComparison.Ordinal);
    }

    private static async IAsyncEnumerable<SourceDocument> Filter(IAsyncEnumerable<SourceDocument> source, Func<SourceDocument, bool> keep)
    {
        await foreach (var d in source)
        {
            if (keep(d))
                yield return d;
        }
    }
}
