using System.Security.Cryptography;
using System.Text.Json;
using UltraLLaDA.Data.Formats.Megatron;
using UltraLLaDA.Data.Formats.Ulds;
using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Pipeline;
using UltraLLaDA.Data.Tests.Pipeline;
using UltraLLaDA.Data.Tests.Support;
using UltraLLaDA.Data.Tokenization;
using UltraLLaDA.Data.Output;

namespace UltraLLaDA.Data.Tests.Formats.Megatron;

/// <summary>The pack job writing Megatron pairs, in process over the in-memory test corpus.</summary>
public class MegatronPackJobTests
{
    private readonly PipelineTestCorpus _corpus = new(200);

    [Theory]
    [InlineData(SequenceLayout.Eod)]
    [InlineData(SequenceLayout.Adaptive)]
    [InlineData(SequenceLayout.Direct)]
    public async Task Each_non_empty_document_is_one_sequence_equal_to_its_stream_in_the_ulds_shards_of_the_same_job(SequenceLayout layout)
    {
        using var temp = new TempDirectory();
        var ulds = await _corpus.RunAsync(_corpus.Settings(temp.Combine("ulds/x"), layout) with { OutputDirectory = temp.Combine("ulds") });
        var megatron = await _corpus.RunAsync(Settings(temp.Combine("megatron"), layout));

        var streams = UldsStreams(temp.Combine("ulds"), ulds.Manifest);
        var sequences = Sequences(temp.Combine("megatron"), megatron.Manifest);
        var nonEmpty = _corpus.Documents.Where(d => !string.IsNullOrEmpty(d.Text)).ToArray();
        Assert.Equal(nonEmpty.Length, sequences.Count);
        Assert.Equal(nonEmpty.Select(d => d.Ordinal), streams.Keys);
        for (var i = 0; i < nonEmpty.Length; i++)
        {
            Assert.Equal(streams[nonEmpty[i].Ordinal], sequences[i]);
            // --append-eod: the EOD (id 1) after the document's tokens in layout eod only.
            uint[] expected = layout == SequenceLayout.Eod ? [.. ByteTokenizer.Ids(nonEmpty[i].Text!), 1] : ByteTokenizer.Ids(nonEmpty[i].Text!);
            Assert.Equal(expected, sequences[i]);
        }
    }

    [Fact]
    public async Task The_manifest_lists_both_files_of_every_pair_with_their_sha256_and_the_blend()
    {
        using var temp = new TempDirectory();
        var result = await _corpus.RunAsync(Settings(temp.Path));
        var manifest = result.Manifest;

        Assert.Equal("megatron", manifest.Config.Format);
        Assert.Equal("documents", manifest.Config.Pack);
        var nonEmpty = _corpus.Documents.Count(d => !string.IsNullOrEmpty(d.Text));
        Assert.Equal((nonEmpty + 2) / 3, manifest.Shards.Count);
        for (var i = 0; i < manifest.Shards.Count; i++)
        {
            var files = manifest.Shards[i].AllFiles.ToArray();
            Assert.Equal([$"train-{i:D5}_text_document.bin", $"train-{i:D5}_text_document.idx"], files.Select(f => f.File));
            foreach (var file in files)
            {
                var bytes = File.ReadAllBytes(temp.File(file.File));
                Assert.Equal(bytes.Length, file.Bytes);
                Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), file.Sha256);
            }
        }

        Assert.Equal(nonEmpty, manifest.Totals!.Records);
        Assert.Equal(0, manifest.Totals.PaddingTokens);
        var line = string.Join(' ', manifest.Shards.Select(s => $"{s.Tokens} {Path.Combine(Path.GetFullPath(temp.Path), MegatronShardFormat.PrefixOf(s.File))}"));
        Assert.Equal(line + "\n", File.ReadAllText(temp.File(MegatronDataPath.FileName)));
        Assert.Equal(string.Join(' ', manifest.Shards.Select(s => $"{s.Tokens} {MegatronShardFormat.PrefixOf(s.File)}")), manifest.DataPath);
        Assert.Equal(manifest.Totals.Tokens, manifest.Shards.Sum(s => s.Tokens));
    }

    [Fact]
    public async Task Fill_and_pieces_beyond_the_fewest_are_not_applicable_to_one_document_per_sequence()
    {
        using var temp = new TempDirectory();
        var totals = (await _corpus.RunAsync(Settings(temp.Path))).Manifest.Totals!;

        // No record space to fill and no document ever cut: left out, not a made-up percentage.
        Assert.Null(totals.Fill);
        Assert.Null(totals.PiecesBeyondFewest);
        Assert.Equal(0, totals.CutDocuments);
        var written = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(temp.File("manifest.json")))!["totals"]!.AsObject();
        Assert.False(written.ContainsKey("fill"));
        Assert.False(written.ContainsKey("pieces_beyond_fewest"));
        Assert.True(written.ContainsKey("documents"));
        var report = UltraLLaDA.Data.Inspection.ShardVerifier.Verify(temp.Path);
        Assert.True(report.Ok, string.Join("\n", report.Problems));
    }

    [Theory]
    [InlineData(false, MegatronDType.UInt16)]
    [InlineData(true, MegatronDType.Int32)]
    public async Task The_token_dtype_follows_the_vocabulary_and_the_output_is_the_same_for_any_worker_count(bool wide, MegatronDType dtype)
    {
        using var temp = new TempDirectory();
        ITextTokenizer Tokenizer() => wide ? new WideByteTokenizer() : new ByteTokenizer();
        await new PackJob(Settings(temp.Combine("one/x"), workers: 1) with { OutputDirectory = temp.Combine("one") }, Tokenizer(), _corpus.Open).RunAsync();
        await new PackJob(Settings(temp.Combine("four/x"), workers: 4) with { OutputDirectory = temp.Combine("four") }, Tokenizer(), _corpus.Open).RunAsync();

        var one = PipelineTestCorpus.Snapshot(temp.Combine("one"));
        var four = PipelineTestCorpus.Snapshot(temp.Combine("four"));
        Assert.Equal(one.Keys, four.Keys);
        foreach (var name in one.Keys.Where(n => n != MegatronDataPath.FileName))
            Assert.True(one[name].AsSpan().SequenceEqual(four[name]), $"{name} differs between 1 and 4 workers");
        using var dataset = MegatronDataset.Open(temp.File("one/train-00000_text_document"));
        Assert.Equal(dtype, dataset.Index.DType);
    }

    [Fact]
    public async Task A_job_cancelled_mid_way_leaves_only_whole_pairs_and_resumes_to_identical_bytes()
    {
        using var temp = new TempDirectory();
        var reference = temp.Combine("reference/x");
        reference = Path.GetDirectoryName(reference)!;
        await _corpus.RunAsync(Settings(reference));
        var expected = PipelineTestCorpus.Snapshot(reference);

        foreach (var stopAfter in new[] { 0, 1, 5, 20 })
        {
            var folder = Path.Combine(temp.Path, $"stop-{stopAfter}");
            await _corpus.CancelAfterShardsAsync(Settings(folder), stopAfter);

            Assert.DoesNotContain(Directory.GetFiles(folder), f => f.EndsWith(MegatronWriter.PartialSuffix, StringComparison.Ordinal) && !f.EndsWith(".jsonl.partial", StringComparison.Ordinal));
            Assert.False(File.Exists(Path.Combine(folder, MegatronDataPath.FileName)));
            foreach (var idx in Directory.GetFiles(folder, "*.idx"))
            {
                using var dataset = MegatronDataset.Open(idx[..^4]);
                Assert.True(dataset.Count > 0);
            }

            var resumed = await _corpus.RunAsync(Settings(folder, workers: 3, resume: true));
            var actual = PipelineTestCorpus.Snapshot(folder);
            Assert.Equal(expected.Keys, actual.Keys);
            foreach (var name in expected.Keys.Where(n => n is not "manifest.json" and not MegatronDataPath.FileName))
                Assert.True(expected[name].AsSpan().SequenceEqual(actual[name]), $"{name} differs after resume (stopped after {stopAfter} pairs)");
            Assert.Equal(
                JsonSerializer.Serialize(ManifestFile.Read(Path.Combine(reference, "manifest.json")) with { Input = null }),
                JsonSerializer.Serialize(resumed.Manifest with { Input = null }));
        }
    }

    [Fact]
    public async Task A_damaged_pair_on_resume_is_rewritten()
    {
        using var temp = new TempDirectory();
        var reference = Path.Combine(temp.Path, "reference");
        await _corpus.RunAsync(Settings(reference));
        var folder = Path.Combine(temp.Path, "damaged");
        using (var cancel = new CancellationTokenSource())
        {
            var job = new PackJob(Settings(folder), new ByteTokenizer(), _corpus.Open);
            var watcher = Task.Run(async () =>
            {
                while (job.Counters.ShardsWritten < 4)
                    await Task.Delay(1);
                await cancel.CancelAsync();
            });
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => job.RunAsync(cancel.Token));
            await watcher;
        }

        // A flipped byte in the second pair's index: resume keeps the first pair only and rebuilds the rest.
        var idx = Path.Combine(folder, "train-00001_text_document.idx");
        var bytes = File.ReadAllBytes(idx);
        bytes[^1] ^= 1;
        File.WriteAllBytes(idx, bytes);
        Assert.False(MegatronShardFormat.Instance.IsIntact(folder, ManifestFile.Read(Path.Combine(folder, "manifest.json")).Shards[1]));

        await _corpus.RunAsync(Settings(folder, resume: true));
        var expected = PipelineTestCorpus.Snapshot(reference);
        var actual = PipelineTestCorpus.Snapshot(folder);
        foreach (var name in expected.Keys.Where(n => n.EndsWith(".bin", StringComparison.Ordinal) || n.EndsWith(".idx", StringComparison.Ordinal)))
            Assert.True(expected[name].AsSpan().SequenceEqual(actual[name]), $"{name} differs after resuming past a damaged pair");
    }

    [Fact]
    public async Task Resuming_a_folder_written_in_the_other_format_is_refused_and_its_files_are_kept()
    {
        using var temp = new TempDirectory();
        var uldsSettings = _corpus.Settings(temp.Path);
        using (var cancel = new CancellationTokenSource())
        {
            var job = new PackJob(uldsSettings, new ByteTokenizer(), _corpus.Open);
            var watcher = Task.Run(async () =>
            {
                while (job.Counters.ShardsWritten < 1)
                    await Task.Delay(1);
                await cancel.CancelAsync();
            });
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => job.RunAsync(cancel.Token));
            await watcher;
        }

        var before = PipelineTestCorpus.Snapshot(temp.Path);
        var e = await Assert.ThrowsAsync<PackJobException>(() => _corpus.RunAsync(Settings(temp.Path, resume: true)));
        Assert.Contains("another configuration", e.Message, StringComparison.Ordinal);
        Assert.Contains("format ulds", e.Message, StringComparison.Ordinal);
        Assert.Contains("format megatron", e.Message, StringComparison.Ordinal);
        var after = PipelineTestCorpus.Snapshot(temp.Path);
        var shards = before.Keys.Where(n => n.EndsWith(".ulds", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(shards);
        foreach (var name in shards.Append("manifest.json"))
            Assert.Equal(before[name], after[name]);
        Assert.DoesNotContain(after.Keys, n => n.EndsWith(".bin", StringComparison.Ordinal) || n.EndsWith(".idx", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_output_path_with_whitespace_is_refused_before_any_pair_is_written()
    {
        using var temp = new TempDirectory();
        var folder = temp.Combine("my data/x");
        folder = Path.GetDirectoryName(folder)!;
        var e = await Assert.ThrowsAsync<PackJobException>(() => _corpus.RunAsync(Settings(folder)));
        Assert.Equal(PackSetting.Output, e.Setting);
        Assert.Contains($"{folder}: the folder's path holds whitespace", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.GetFiles(folder), f => f.Contains("_text_document", StringComparison.Ordinal));
    }

    private PackJobSettings Settings(string folder, SequenceLayout layout = SequenceLayout.Eod, int workers = 2, bool resume = false) =>
        _corpus.Settings(folder, layout, workers, resume) with { Names = new OutputNames("train") { Format = MegatronShardFormat.Instance } };

    private static List<uint[]> Sequences(string folder, SplitManifest manifest)
    {
        var sequences = new List<uint[]>();
        foreach (var shard in manifest.Shards)
        {
            using var dataset = MegatronDataset.Open(Path.Combine(folder, MegatronShardFormat.PrefixOf(shard.File)));
            for (var i = 0; i < dataset.Count; i++)
                sequences.Add(dataset.Read(i));
        }

        return sequences;
    }

    /// <summary>Each document's token stream, put back together from the ULDS records' segments.</summary>
    private static SortedDictionary<long, uint[]> UldsStreams(string folder, SplitManifest manifest)
    {
        var pieces = new SortedDictionary<long, List<uint>>();
        foreach (var shard in manifest.Shards)
        {
            using var reader = ShardReader.Open(Path.Combine(folder, shard.File));
            for (var r = 0; r < reader.RecordCount; r++)
            {
                var record = reader.ReadRecord(r);
                var start = 0;
                foreach (var segment in record.Segments.ToArray())
                {
                    if (!pieces.TryGetValue((long)segment.Doc, out var list))
                        pieces[(long)segment.Doc] = list = [];
                    Assert.Equal(list.Count, (int)segment.Offset);
                    list.AddRange(record.Tokens.Slice(start, (int)segment.Length).ToArray());
                    start += (int)segment.Length;
                }
            }
        }

        return new SortedDictionary<long, uint[]>(pieces.ToDictionary(p => p.Key, p => p.Value.ToArray()));
    }
}
