using System.Text.Json.Nodes;
using UltraLLaDA.Data.Formats;
using UltraLLaDA.Data.Formats.Ulds;
using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Pipeline;
using UltraLLaDA.Data.Tests.Support;

namespace UltraLLaDA.Data.Tests.Pipeline;

/// <summary>The pack job through its two seams: the output format and the packing strategy, and what the manifest records of each.</summary>
public class PackSeamTests
{
    private readonly PipelineTestCorpus _corpus = new(200);

    [Fact]
    public void The_registries_name_ulds_and_concat_first_and_refuse_unknown_names_listing_the_known_ones()
    {
        Assert.Equal("ulds", ShardFormats.Default.Name);
        Assert.Equal([".ulds"], ShardFormats.Default.Extensions);
        Assert.Equal("concat", PackingStrategies.Default.Name);
        Assert.Contains("documents", PackingStrategies.Names);
        var format = Assert.Throws<ArgumentException>(() => ShardFormats.Get("parquet"));
        Assert.Contains("ulds", format.Message, StringComparison.Ordinal);
        var strategy = Assert.Throws<ArgumentException>(() => PackingStrategies.Get("first-fit"));
        Assert.Contains("concat", strategy.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TailPolicy.Pad)]
    [InlineData(TailPolicy.Keep)]
    public async Task Each_shard_entry_counts_its_padding_pieces_and_cut_documents_and_the_totals_add_them(TailPolicy tail)
    {
        using var temp = new TempDirectory();
        var result = await _corpus.RunAsync(_corpus.Settings(temp.Path, tail: tail));
        var manifest = result.Manifest;
        Assert.Equal("ulds", manifest.Config.Format);
        Assert.Equal("concat", manifest.Config.Pack);

        long pieces = 0;
        var continued = new HashSet<ulong>();
        foreach (var entry in manifest.Shards)
        {
            using var reader = ShardReader.Open(Path.Combine(temp.Path, entry.File));
            long padding = 0, segments = 0;
            foreach (var record in reader.ReadAll())
            {
                padding += record.TokenCount - record.UnpaddedCount;
                segments += record.SegmentCount;
                foreach (var s in record.Segments)
                {
                    if (s.IsContinuation)
                        continued.Add(s.Doc);
                }
            }

            Assert.Equal(padding, entry.PaddingTokens);
            Assert.Equal(segments, entry.Segments);
            pieces += segments;
        }

        var totals = manifest.Totals!;
        Assert.Equal(manifest.Shards.Sum(s => s.PaddingTokens), totals.PaddingTokens);
        Assert.Equal(tail == TailPolicy.Pad, totals.PaddingTokens > 0);
        Assert.Equal(continued.Count, totals.CutDocuments);
        Assert.Equal(manifest.Shards.Sum(s => s.CutDocuments), totals.CutDocuments);
        var streams = ShardStreams.Rebuild(temp.Path, manifest);
        var fewest = streams.Values.Sum(s => (s.Count + 999L) / 1000);
        Assert.Equal(pieces - fewest, totals.PiecesBeyondFewest);
        Assert.True(totals.PiecesBeyondFewest > 0, "concat at seq_len 1000 cuts some of these documents more than their length needs");
        Assert.Equal(ManifestTotals.FillOf(totals.Tokens, totals.Records, 1000), totals.Fill);
    }

    [Fact]
    public async Task A_manifest_written_before_the_format_and_strategy_were_recorded_is_read_as_ulds_and_concat()
    {
        using var temp = new TempDirectory();
        await _corpus.RunAsync(_corpus.Settings(temp.Path));
        var path = Path.Combine(temp.Path, "manifest.json");
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        var config = json["config"]!.AsObject();
        Assert.True(config.Remove("format") && config.Remove("pack"));
        File.WriteAllText(path, json.ToJsonString());

        var again = await _corpus.RunAsync(_corpus.Settings(temp.Path, resume: true));
        Assert.True(again.AlreadyComplete);
        Assert.Equal("concat", again.Manifest.Config.Pack);
    }

    [Theory]
    [InlineData("cut_documents", "cut documents")]
    [InlineData("pieces_beyond_fewest", "pieces beyond the fewest")]
    [InlineData("padding_tokens", "padding tokens")]
    public async Task Verify_checks_the_new_totals_against_the_shard_entries_and_the_records(string field, string named)
    {
        using var temp = new TempDirectory();
        await _corpus.RunAsync(_corpus.Settings(temp.Path));
        Assert.True(Data.Inspection.ShardVerifier.Verify(temp.Path).Ok);
        var path = Path.Combine(temp.Path, "manifest.json");
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        json["totals"]![field] = json["totals"]![field]!.GetValue<long>() + 1;
        File.WriteAllText(path, json.ToJsonString());
        var report = Data.Inspection.ShardVerifier.Verify(temp.Path);
        Assert.Contains(report.Problems, p => p.Message.Contains(named, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Resume_refuses_a_job_with_another_packing_window()
    {
        using var temp = new TempDirectory();
        await _corpus.RunAsync(_corpus.Settings(temp.Path));
        var settings = _corpus.Settings(temp.Path, resume: true);
        var other = settings with { Packing = settings.Packing with { WindowDocuments = 7 } };
        var e = await Assert.ThrowsAsync<PackJobException>(() => _corpus.RunAsync(other));
        Assert.Contains("another configuration", e.Message, StringComparison.Ordinal);
        Assert.Contains("window 7 documents", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("first-fit", "unknown packing strategy 'first-fit'")]
    [InlineData("documents", "for formats that take whole documents")]
    public void A_strategy_that_cannot_write_this_format_is_refused(string strategy, string expected)
    {
        using var temp = new TempDirectory();
        var settings = _corpus.Settings(temp.Path);
        settings = settings with { Packing = settings.Packing with { Strategy = strategy } };
        var e = Assert.Throws<PackJobException>(() => new PackJob(settings, new ByteTokenizer(), _corpus.Open));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
