using System.Text.Json;
using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Pipeline;
using UltraLLaDA.Data.Formats.Ulds;
using UltraLLaDA.Data.Tests.Support;
using UltraLLaDA.Data.Output;

namespace UltraLLaDA.Data.Tests.Pipeline;

public class PackJobTests
{
    private readonly PipelineTestCorpus _corpus = new(200);

    [Fact]
    public async Task Output_is_byte_identical_whatever_the_worker_count()
    {
        using var temp = new TempDirectory();
        var one = Path.Combine(temp.Path, "one");
        var four = Path.Combine(temp.Path, "four");
        await _corpus.RunAsync(_corpus.Settings(one, workers: 1));
        await _corpus.RunAsync(_corpus.Settings(four, workers: 4));
        var a = PipelineTestCorpus.Snapshot(one);
        var b = PipelineTestCorpus.Snapshot(four);
        Assert.Equal(a.Keys, b.Keys);
        foreach (var name in a.Keys)
            Assert.True(a[name].AsSpan().SequenceEqual(b[name]), $"{name} differs between 1 and 4 workers");
        Assert.Contains("train-00000.ulds", a.Keys);
        Assert.Contains("manifest.json", a.Keys);
        Assert.Contains("documents.jsonl", a.Keys);
    }

    [Theory]
    [InlineData(SequenceLayout.Adaptive)]
    [InlineData(SequenceLayout.Eod)]
    [InlineData(SequenceLayout.Direct)]
    public async Task Shards_rebuild_every_document_token_stream(SequenceLayout layout)
    {
        using var temp = new TempDirectory();
        var result = await _corpus.RunAsync(_corpus.Settings(temp.Path, layout, workers: 3));
        var rebuilt = ShardStreams.Rebuild(temp.Path, result.Manifest);

        foreach (var document in _corpus.Documents)
        {
            var expected = ByteTokenizer.Ids(document.Text ?? string.Empty).ToList();
            if (expected.Count > 0 && layout == SequenceLayout.Eod)
                expected.Add(1);
            Assert.Equal(expected, rebuilt.TryGetValue((ulong)document.Ordinal, out var got) ? got : []);
        }

        var totals = result.Manifest.Totals!;
        Assert.Equal(200, totals.Documents);
        Assert.Equal(_corpus.Documents.Count(d => d.Text is null), totals.NullDocuments);
        Assert.Equal(_corpus.Documents.Count(d => string.IsNullOrEmpty(d.Text)), totals.EmptyDocuments);
        Assert.Equal(rebuilt.Values.Sum(l => (long)l.Count), totals.Tokens);
        Assert.Equal(result.Manifest.Shards.Sum(s => s.Tokens), totals.Tokens + totals.PaddingTokens);
        Assert.True(result.Manifest.Complete);
    }

    [Fact]
    public async Task The_documents_table_has_one_line_per_document_in_order()
    {
        using var temp = new TempDirectory();
        await _corpus.RunAsync(_corpus.Settings(temp.Path));
        var lines = File.ReadAllLines(Path.Combine(temp.Path, "documents.jsonl"));
        Assert.Equal(200, lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            using var line = JsonDocument.Parse(lines[i]);
            var root = line.RootElement;
            Assert.Equal(i, root.GetProperty("doc").GetInt64());
            Assert.Equal(_corpus.Documents[i].Source, root.GetProperty("source").GetString());
            Assert.Equal(_corpus.Documents[i].Row, root.GetProperty("row").GetInt64());
            Assert.Equal($"Title {i}", root.GetProperty("title").GetString());
            var text = _corpus.Documents[i].Text;
            var tokens = string.IsNullOrEmpty(text) ? 0 : ByteTokenizer.Ids(text).Length + 1;
            Assert.Equal(tokens, root.GetProperty("tokens").GetInt64());
            if (text is null)
                Assert.Equal("null", root.GetProperty("skipped").GetString());
            else if (text.Length == 0)
                Assert.Equal("empty", root.GetProperty("skipped").GetString());
            else
                Assert.False(root.TryGetProperty("skipped", out _));
        }
    }

    [Fact]
    public async Task A_folder_with_another_jobs_output_is_refused_unless_resume_or_overwrite()
    {
        using var temp = new TempDirectory();
        await _corpus.RunAsync(_corpus.Settings(temp.Path));
        var e = await Assert.ThrowsAsync<PackJobException>(() => _corpus.RunAsync(_corpus.Settings(temp.Path)));
        // The flags to pass are the CLI's advice (asserted in PackCommandTests); the library says what kind of conflict it is.
        Assert.Equal(PackProblem.OutputHoldsAnotherJob, e.Problem);
        Assert.Contains(temp.Path, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("--", e.Message, StringComparison.Ordinal);

        var other = _corpus.Settings(temp.Path, SequenceLayout.Direct, resume: true);
        var mismatch = await Assert.ThrowsAsync<PackJobException>(() => _corpus.RunAsync(other));
        Assert.Contains("another configuration", mismatch.Message, StringComparison.Ordinal);
        Assert.Equal(PackProblem.CannotResume, mismatch.Problem);

        var done = await _corpus.RunAsync(_corpus.Settings(temp.Path, resume: true));
        Assert.True(done.AlreadyComplete);

        var replaced = await _corpus.RunAsync(_corpus.Settings(temp.Path, SequenceLayout.Direct, overwrite: true));
        Assert.Equal("direct", replaced.Manifest.Config.Layout);
    }

    [Fact]
    public async Task A_job_cancelled_mid_way_leaves_only_whole_shards_and_resumes_to_identical_bytes()
    {
        using var temp = new TempDirectory();
        var reference = Path.Combine(temp.Path, "reference");
        await _corpus.RunAsync(_corpus.Settings(reference));
        var expected = PipelineTestCorpus.Snapshot(reference);
        Assert.True(expected.Count(f => f.Key.EndsWith(".ulds", StringComparison.Ordinal)) >= 4);

        foreach (var stopAfter in new[] { 0, 1, 2 })
        {
            var folder = Path.Combine(temp.Path, $"stop-{stopAfter}");
            await _corpus.CancelAfterShardsAsync(_corpus.Settings(folder), stopAfter);

            Assert.DoesNotContain(Directory.GetFiles(folder), f => f.EndsWith(".partial", StringComparison.Ordinal) && f.EndsWith(".ulds.partial", StringComparison.Ordinal));
            foreach (var shard in Directory.GetFiles(folder, "*.ulds"))
            {
                using var reader = ShardReader.Open(shard);
                Assert.True(reader.RecordCount > 0);
            }

            var resumed = await _corpus.RunAsync(_corpus.Settings(folder, workers: 3, resume: true));
            var actual = PipelineTestCorpus.Snapshot(folder);
            Assert.Equal(expected.Keys, actual.Keys);
            foreach (var name in expected.Keys.Where(n => n != "manifest.json"))
                Assert.True(expected[name].AsSpan().SequenceEqual(actual[name]), $"{name} differs after resume (stopped after {stopAfter} shards)");
            Assert.Equal(
                JsonSerializer.Serialize(ManifestFile.Read(Path.Combine(reference, "manifest.json")) with { Input = null }),
                JsonSerializer.Serialize(resumed.Manifest with { Input = null }));
        }
    }
}
