using System.Text.Json;
using System.Text.Json.Nodes;
using UltraLLaDA.Data.Inspection;
using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Pipeline;
using UltraLLaDA.Data.Tests.Support;
using UltraLLaDA.Data.Output;

namespace UltraLLaDA.Data.Tests.Pipeline;

/// <summary>The pack job with --pack best-fit: the same guarantees as concat (bytes, resume, verify), and fewer cuts.</summary>
public class BestFitPackJobTests
{
    private readonly PipelineTestCorpus _corpus = new(300, seed: 7);

    private PackJobSettings Settings(string folder, int workers = 2, bool resume = false, TailPolicy tail = TailPolicy.Pad, SequenceLayout layout = SequenceLayout.Eod)
    {
        var settings = _corpus.Settings(folder, layout, workers, resume, tail: tail);
        return settings with { Packing = settings.Packing with { Strategy = "best-fit", WindowDocuments = 16 } };
    }

    [Theory]
    [InlineData(SequenceLayout.Adaptive)]
    [InlineData(SequenceLayout.Eod)]
    [InlineData(SequenceLayout.Direct)]
    public async Task Best_fit_rebuilds_every_document_verifies_and_cuts_no_document_more_than_its_length_needs(SequenceLayout layout)
    {
        using var temp = new TempDirectory();
        var result = await _corpus.RunAsync(Settings(temp.Path, layout: layout));
        var manifest = result.Manifest;
        Assert.Equal("best-fit", manifest.Config.Pack);
        Assert.Equal(16, manifest.Config.PackWindow);

        var rebuilt = RebuildByOffset(temp.Path, manifest);
        foreach (var document in _corpus.Documents)
        {
            var expected = ByteTokenizer.Ids(document.Text ?? string.Empty).ToList();
            if (expected.Count > 0 && layout == SequenceLayout.Eod)
                expected.Add(1);
            Assert.Equal(expected, rebuilt.TryGetValue((ulong)document.Ordinal, out var got) ? got : []);
        }

        var totals = manifest.Totals!;
        Assert.Equal(0, totals.PiecesBeyondFewest);
        Assert.Equal(manifest.Shards.Sum(s => s.PaddingTokens), totals.PaddingTokens);
        Assert.True(manifest.Shards.Take(manifest.Shards.Count - 1).Sum(s => s.PaddingTokens) > 0, "best-fit pads records before the split's tail");
        var report = ShardVerifier.Verify(temp.Path);
        Assert.True(report.Ok, string.Join("\n", report.Problems));

        var concat = await _corpus.RunAsync(_corpus.Settings(Path.Combine(temp.Path, "concat"), layout));
        Assert.True(concat.Manifest.Totals!.PiecesBeyondFewest > 0);
        Assert.True(totals.CutDocuments <= concat.Manifest.Totals.CutDocuments);
    }

    [Fact]
    public async Task Best_fit_output_is_byte_identical_for_any_worker_count_and_after_a_cancel_and_resume()
    {
        using var temp = new TempDirectory();
        var reference = Path.Combine(temp.Path, "reference");
        await _corpus.RunAsync(Settings(reference, workers: 1));
        var expected = PipelineTestCorpus.Snapshot(reference);
        var four = Path.Combine(temp.Path, "four");
        await _corpus.RunAsync(Settings(four, workers: 4));
        AssertSame(expected, PipelineTestCorpus.Snapshot(four), "4 workers");

        foreach (var stopAfter in new[] { 1, 3, 5 })
        {
            var folder = Path.Combine(temp.Path, $"stop-{stopAfter}");
            await _corpus.CancelAfterShardsAsync(Settings(folder), stopAfter);
            var resumed = await _corpus.RunAsync(Settings(folder, workers: 3, resume: true));
            Assert.NotNull(resumed.ResumedFrom);
            AssertSame(expected, PipelineTestCorpus.Snapshot(folder), $"resume after {stopAfter} shards");
        }
    }

    [Fact]
    public async Task A_best_fit_split_fails_concats_tiling_rules_so_verify_reads_the_strategy_from_the_manifest()
    {
        using var temp = new TempDirectory();
        await _corpus.RunAsync(Settings(temp.Path));
        var path = Path.Combine(temp.Path, "manifest.json");
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        json["config"]!["pack"] = "concat";
        File.WriteAllText(path, json.ToJsonString());
        var report = ShardVerifier.Verify(temp.Path);
        Assert.False(report.Ok);

        var resume = await Assert.ThrowsAsync<PackJobException>(() => _corpus.RunAsync(Settings(temp.Path, resume: true)));
        Assert.Equal(PackProblem.CannotResume, resume.Problem);
        Assert.Contains("pack best-fit", resume.Message, StringComparison.Ordinal);
    }

    private static void AssertSame(SortedDictionary<string, byte[]> expected, SortedDictionary<string, byte[]> actual, string what)
    {
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var name in expected.Keys.Where(n => n != "manifest.json"))
            Assert.True(expected[name].AsSpan().SequenceEqual(actual[name]), $"{name} differs ({what})");
        Assert.Equal(
            JsonSerializer.Serialize(JsonNode.Parse(expected["manifest.json"])),
            JsonSerializer.Serialize(JsonNode.Parse(actual["manifest.json"])));
    }

    /// <summary>Each document's stream from its pieces sorted by offset (best-fit does not write them in stream order).</summary>
    private static Dictionary<ulong, List<uint>> RebuildByOffset(string folder, SplitManifest manifest)
    {
        var pieces = new Dictionary<ulong, List<(uint Offset, uint[] Tokens)>>();
        foreach (var shard in manifest.Shards)
        {
            using var reader = Data.Formats.Ulds.ShardReader.Open(Path.Combine(folder, shard.File));
            foreach (var record in reader.ReadAll())
            {
                for (var k = 0; k < record.SegmentCount; k++)
                {
                    var s = record.Segments[k];
                    if (!pieces.TryGetValue(s.Doc, out var list))
                        pieces[s.Doc] = list = [];
                    list.Add((s.Offset, record.Tokens.Slice(record.CuSeqlens[k], (int)s.Length).ToArray()));
                }
            }
        }

        return pieces.ToDictionary(p => p.Key, p =>
        {
            var stream = new List<uint>();
            foreach (var (offset, tokens) in p.Value.OrderBy(x => x.Offset))
            {
                Assert.Equal((uint)stream.Count, offset);
                stream.AddRange(tokens);
            }

            return stream;
        });
    }
}
