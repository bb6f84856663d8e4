using System.Text.Json;
using UltraLLaDA.Data.Inspection;
using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Formats.Ulds;
using UltraLLaDA.Data.Tests.Support;

namespace UltraLLaDA.Data.Tests.Inspection;

public class InspectTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Split => Path.Combine(_temp.Path, "train");

    [Theory]
    [InlineData(SequenceLayout.Adaptive, TailPolicy.Pad)]
    [InlineData(SequenceLayout.Eod, TailPolicy.Keep)]
    public async Task The_summary_of_a_split_agrees_with_the_manifest_and_the_records(SequenceLayout layout, TailPolicy tail)
    {
        var manifest = await InspectionFixture.PackAsync(Split, layout, tail);
        var report = ShardStatistics.Collect(InspectionTargets.ResolveOne(Split));
        var totals = manifest.Totals!;

        // Independently: every record's segments.
        var segments = new List<Segment>();
        var perRecord = new List<int>();
        foreach (var shard in manifest.Shards)
        {
            using var reader = ShardReader.Open(Path.Combine(Split, shard.File));
            foreach (var record in reader.ReadAll())
            {
                segments.AddRange(record.Segments.ToArray());
                perRecord.Add(record.SegmentCount);
            }
        }

        Assert.Equal("split", report.Kind);
        Assert.Equal(layout.ToWireName(), report.Header.Layout);
        Assert.Equal(1000, report.Header.SeqLen);
        Assert.Equal("bytes", report.Header.TokenizerName);
        Assert.Equal(manifest.Shards.Count, report.Shards.Count);
        Assert.Equal(totals.Records, report.Records);
        Assert.Equal(totals.Tokens, report.DocumentTokens);
        Assert.Equal(totals.PaddingTokens, report.PaddingTokens);
        Assert.Equal(manifest.Shards.Sum(s => s.Tokens), report.Tokens);
        Assert.Equal(totals.Documents - totals.EmptyDocuments, report.Documents);
        Assert.Equal(segments.Count, report.Segments);
        Assert.Equal(segments.Count(s => s.IsContinuation), report.ContinuationSegments);
        Assert.Equal(segments.Where(s => s.IsContinuation).Select(s => s.Doc).Distinct().Count(), report.CutDocuments);
        Assert.Equal(perRecord.Min(), report.SegmentsPerRecord.Min);
        Assert.Equal(perRecord.Max(), report.SegmentsPerRecord.Max);
        Assert.Equal(segments.Min(s => s.Length), report.SegmentLength.Min);
        Assert.Equal(segments.Max(s => s.Length), report.SegmentLength.Max);
        Assert.True(Math.Abs(totals.Fill!.Value - report.Fill) < 1e-6, $"fill {report.Fill} vs the manifest's {totals.Fill}");
        Assert.Equal(segments.Count, report.SegmentLengths.Sum(b => b.Count));
        Assert.Equal(totals.Tokens, report.SegmentLengths.Sum(b => b.Tokens));
        Assert.All(segments, s => Assert.Single(report.SegmentLengths, b => b.Min <= s.Length && s.Length <= b.Max));
        Assert.Equal(manifest.Shards.Sum(s => s.Bytes), report.FileBytes);
        Assert.True(report.CompressionRatio > 1);
        Assert.Equal(totals.Documents, report.DocumentTable!.Documents);
        Assert.True(report.Manifest!.Complete);
    }

    [Fact]
    public async Task The_text_summary_shows_header_counts_and_a_histogram()
    {
        var manifest = await InspectionFixture.PackAsync(Split);
        var (exit, output, _) = await InspectionFixture.RunAsync("inspect", Split);
        Assert.Equal(0, exit);
        var lines = InspectionFixture.Lines(output);
        Assert.Contains(lines, l => l.StartsWith("layout", StringComparison.Ordinal) && l.Contains("adaptive", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("seq_len", StringComparison.Ordinal) && l.Contains("1,000 tokens", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("tokenizer", StringComparison.Ordinal) && l.Contains("bytes", StringComparison.Ordinal) && l.Contains("vocab 259", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("ids", StringComparison.Ordinal) && l.Contains("pad 0", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("records", StringComparison.Ordinal) && l.Contains($"{manifest.Totals!.Records:N0} (1 padded tail)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("tokens", StringComparison.Ordinal) && l.Contains($"{manifest.Totals!.Tokens:N0} document + {manifest.Totals.PaddingTokens:N0} padding", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("fill", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("segments", StringComparison.Ordinal) && l.Contains("per record min", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("compression", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("documents.jsonl", StringComparison.Ordinal));
        Assert.Contains("segment lengths (tokens)", output, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains('█'));
    }

    [Fact]
    public async Task Json_output_is_the_report()
    {
        var manifest = await InspectionFixture.PackAsync(Split);
        var shard = Path.Combine(Split, "train-00000.ulds");
        var (exit, output, _) = await InspectionFixture.RunAsync("inspect", shard, "--json");
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("shard", root.GetProperty("kind").GetString());
        Assert.Equal(manifest.Shards[0].Records, root.GetProperty("records").GetInt64());
        Assert.Equal("adaptive", root.GetProperty("header").GetProperty("layout").GetString());
        Assert.True(root.GetProperty("segment_lengths").GetArrayLength() > 0);
        Assert.True(root.TryGetProperty("segments_per_record", out _));
    }

    [Fact]
    public async Task An_output_folder_with_several_splits_gives_one_summary_each()
    {
        await InspectionFixture.PackAsync(Split);
        await InspectionFixture.PackAsync(Path.Combine(_temp.Path, "validation"), documents: 12);
        var (exit, output, _) = await InspectionFixture.RunAsync("inspect", _temp.Path, "--json");
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(2, json.RootElement.GetArrayLength());
    }

    [Fact]
    public async Task A_damaged_shard_exits_1_naming_the_record()
    {
        await InspectionFixture.PackAsync(Split);
        var shard = Path.Combine(Split, "train-00001.ulds");
        var (offset, length) = InspectionFixture.Frame(shard, 1);
        InspectionFixture.Flip(shard, offset + (length / 2));
        var (exit, _, error) = await InspectionFixture.RunAsync("inspect", Split);
        Assert.Equal(1, exit);
        Assert.Contains($"{shard}: record 1:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_to_inspect_exits_2()
    {
        var (exit, _, error) = await InspectionFixture.RunAsync("inspect", _temp.Path);
        Assert.Equal(2, exit);
        Assert.Contains("holds no shards", error, StringComparison.Ordinal);
    }
}
