using System.Text.Json;
using System.Text.Json.Nodes;
using UltraLLaDA.Data.Inspection;
using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Pipeline;
using UltraLLaDA.Data.Sources;
using UltraLLaDA.Data.Tests.Pipeline;
using UltraLLaDA.Data.Tests.Support;
using UltraLLaDA.Data.Output;

namespace UltraLLaDA.Data.Tests.Inspection;

public class VerifyTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Split => Path.Combine(_temp.Path, "train");

    private string Shard(int i) => Path.Combine(Split, $"train-{i:D5}.ulds");

    [Theory]
    [InlineData(SequenceLayout.Adaptive, TailPolicy.Pad)]
    [InlineData(SequenceLayout.Eod, TailPolicy.Drop)]
    [InlineData(SequenceLayout.Direct, TailPolicy.Keep)]
    [InlineData(SequenceLayout.Eod, TailPolicy.Pad)]
    public async Task Good_output_verifies_with_exit_0_and_no_problem(SequenceLayout layout, TailPolicy tail)
    {
        var manifest = await InspectionFixture.PackAsync(Split, layout, tail);
        var report = ShardVerifier.Verify(_temp.Path);
        Assert.Empty(report.Problems);
        Assert.Equal(manifest.Totals!.Records, report.Records);
        Assert.Equal(manifest.Shards.Count, report.Shards);

        var (exit, output, error) = await InspectionFixture.RunAsync("verify", Split);
        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains("verify: OK", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_single_shard_verifies_on_its_own()
    {
        await InspectionFixture.PackAsync(Split);
        var (exit, output, _) = await InspectionFixture.RunAsync("verify", Shard(1));
        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, output);
    }

    [Fact]
    public async Task A_flipped_byte_in_a_record_names_the_file_and_record()
    {
        await InspectionFixture.PackAsync(Split);
        var (offset, length) = InspectionFixture.Frame(Shard(2), 1);
        InspectionFixture.Flip(Shard(2), offset + (length / 2));

        var (exit, output, _) = await InspectionFixture.RunAsync("verify", Split);
        Assert.Equal(1, exit);
        var lines = InspectionFixture.Lines(output);
        Assert.Contains(lines, l => l.StartsWith($"{Shard(2)}: record 1: ", StringComparison.Ordinal));
        // The manifest's SHA-256 no longer matches either; nothing else is blamed.
        Assert.Contains(lines, l => l.StartsWith($"{Shard(2)}: SHA-256", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.StartsWith(Shard(2), l, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0, "frame starts at")]   // the frame offset
    [InlineData(8, "")]                  // the compressed length
    [InlineData(12, "")]                 // the token count
    [InlineData(16, "")]                 // the segment count
    [InlineData(20, "flags")]            // the flags
    [InlineData(24, "hash")]             // the payload hash
    public async Task A_flipped_byte_in_the_index_names_the_record_of_the_damaged_entry(int field, string expected)
    {
        await InspectionFixture.PackAsync(Split);
        var index = InspectionFixture.IndexOffset(Shard(1));
        InspectionFixture.Flip(Shard(1), index + 32 + field, 0x02); // entry of record 1

        var report = ShardVerifier.Verify(Split);
        Assert.Contains(report.Problems, p => p.File == Shard(1) && p.Record is null && p.Message.Contains("index hash", StringComparison.Ordinal));
        var named = report.Problems.Where(p => p.File == Shard(1) && p.Record is not null).ToList();
        Assert.NotEmpty(named);
        Assert.Contains(named, p => p.Record is 0 or 1 or 2 && p.Message.Contains(expected, StringComparison.Ordinal));
        Assert.Contains(named, p => p.Record == 1 || (field == 8 && p.Record == 2));
    }

    [Fact]
    public async Task A_flipped_byte_in_the_header_is_caught()
    {
        await InspectionFixture.PackAsync(Split);
        var bytes = File.ReadAllBytes(Shard(0));
        var at = System.Text.Encoding.ASCII.GetString(bytes).IndexOf("\"bytes\"", StringComparison.Ordinal); // the tokenizer name
        InspectionFixture.Flip(Shard(0), at + 2, 0x20);

        var (exit, output, _) = await InspectionFixture.RunAsync("verify", Split);
        Assert.Equal(1, exit);
        var lines = InspectionFixture.Lines(output);
        Assert.Contains(lines, l => l.StartsWith($"{Shard(0)}: header tokenizer name is \"bYtes\", the manifest config says \"bytes\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"{Shard(0)}: SHA-256", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_header_that_is_no_longer_json_is_named()
    {
        await InspectionFixture.PackAsync(Split);
        InspectionFixture.Flip(Shard(0), 16, 0x40); // '{' -> ';'
        var report = ShardVerifier.Verify(Split);
        Assert.Contains(report.Problems, p => p.File == Shard(0) && p.Message.Contains("header is not valid JSON", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_truncated_file_names_the_record_it_breaks_off_in()
    {
        await InspectionFixture.PackAsync(Split);
        var (offset, length) = InspectionFixture.Frame(Shard(1), 2);
        using (var file = new FileStream(Shard(1), FileMode.Open))
            file.SetLength(offset + (length / 2));

        var (exit, output, _) = await InspectionFixture.RunAsync("verify", Split);
        Assert.Equal(1, exit);
        var lines = InspectionFixture.Lines(output);
        Assert.Contains(lines, l => l.StartsWith($"{Shard(1)}: record 2: the file ends inside this record's frame", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"{Shard(1)}: is ", StringComparison.Ordinal) && l.Contains("the manifest says", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_file_cut_inside_its_index_says_the_records_are_whole()
    {
        await InspectionFixture.PackAsync(Split);
        var index = InspectionFixture.IndexOffset(Shard(1));
        using (var file = new FileStream(Shard(1), FileMode.Open))
            file.SetLength(index + 40);
        var report = ShardVerifier.Verify(Split);
        Assert.Contains(report.Problems, p => p.File == Shard(1) && p.Message.Contains("records are whole", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_shard_names_the_records_it_held()
    {
        var manifest = await InspectionFixture.PackAsync(Split);
        File.Delete(Shard(3));
        var entry = manifest.Shards[3];

        var (exit, output, _) = await InspectionFixture.RunAsync("verify", Split);
        Assert.Equal(1, exit);
        var lines = InspectionFixture.Lines(output);
        Assert.Contains($"{Shard(3)}: is missing (records {entry.FirstRecord}..{entry.FirstRecord + entry.Records - 1} of the split, {entry.Records} records)", lines);
    }

    [Fact]
    public async Task A_manifest_that_lies_is_caught_line_by_line()
    {
        await InspectionFixture.PackAsync(Split);
        var path = Path.Combine(Split, "manifest.json");
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        var shards = json["shards"]!.AsArray();
        shards[1]!["records"] = 2;
        shards[2]!["tokens"] = 1234;
        shards[3]!["sha256"] = new string('0', 64);
        shards[4]!["next_doc"] = 0;
        json["totals"]!["tokens"] = 5;
        json["totals"]!["documents"] = 3;
        File.WriteAllText(path, json.ToJsonString());

        var report = ShardVerifier.Verify(Split);
        var lines = report.Problems.Select(p => p.ToString()).ToList();
        Assert.Contains(lines, l => l.StartsWith($"{Shard(1)}: holds 3 records, the manifest says 2", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"{Shard(2)}: holds 3000 tokens, the manifest says 1234", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"{Shard(3)}: SHA-256 is ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"{Shard(4)}: manifest says the next record begins at doc 0", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"{path}: totals say 5 tokens", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"{path}: totals say 3 documents", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("starting at record", StringComparison.Ordinal)); // first_record after the lie about records
    }

    [Fact]
    public async Task A_documents_table_that_disagrees_with_the_records_names_the_record()
    {
        await InspectionFixture.PackAsync(Split);
        var path = Path.Combine(Split, "documents.jsonl");
        var lines = File.ReadAllLines(path);
        var entry = JsonNode.Parse(lines[10])!;
        entry["tokens"] = entry["tokens"]!.GetValue<long>() + 7;
        lines[10] = entry.ToJsonString();
        File.WriteAllLines(path, lines);

        var report = ShardVerifier.Verify(Split);
        Assert.Contains(report.Problems, p => p.Record is not null && p.Message.Contains("doc 10", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_stray_shard_and_an_unfinished_manifest_are_reported()
    {
        await InspectionFixture.PackAsync(Split);
        File.Copy(Shard(0), Path.Combine(Split, "train-00099.ulds"));
        var path = Path.Combine(Split, "manifest.json");
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        json["complete"] = false;
        File.WriteAllText(path, json.ToJsonString());

        var lines = ShardVerifier.Verify(Split).Problems.Select(p => p.ToString()).ToList();
        Assert.Contains(lines, l => l.StartsWith(Path.Combine(Split, "train-00099.ulds") + ": is not listed", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith(path + ": says the job has not finished", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Problems_come_sorted_by_file_and_record()
    {
        await InspectionFixture.PackAsync(Split);
        foreach (var (shard, record) in new[] { (4, 2), (1, 2), (1, 0), (2, 1) })
        {
            var (offset, length) = InspectionFixture.Frame(Shard(shard), record);
            InspectionFixture.Flip(Shard(shard), offset + (length / 2));
        }

        var named = ShardVerifier.Verify(Split, new VerifyOptions { Threads = 4 }).Problems.Where(p => p.Record is not null).Select(p => (p.File, p.Record)).ToList();
        Assert.Equal([(Shard(1), 0L), (Shard(1), 2L), (Shard(2), 1L), (Shard(4), 2L)], named.Select(n => (n.File, n.Record!.Value)).Distinct().ToList());
    }

    [Fact]
    public async Task A_partitioned_folder_verifies_each_part_and_the_merged_manifest()
    {
        var corpus = new PipelineTestCorpus(60, seed: 5);
        for (var part = 0; part < 2; part++)
        {
            var p = part;
            var settings = corpus.Settings(Split) with { Names = new OutputNames("train", p, 2) };
            await new PackJob(settings, new ByteTokenizer(), (first, token) => Only(corpus.Open(first, token), d => (d.Ordinal / 10) % 2 == p)).RunAsync();
        }

        Assert.Empty(ShardVerifier.Verify(Split).Problems);
        ManifestMerger.Merge(Split);
        var report = ShardVerifier.Verify(Split);
        Assert.Empty(report.Problems);
        Assert.Equal(3, report.Manifests);

        var merged = Path.Combine(Split, "manifest.json");
        var json = JsonNode.Parse(File.ReadAllText(merged))!;
        json["totals"]!["records"] = 1;
        File.WriteAllText(merged, json.ToJsonString());
        Assert.Contains(ShardVerifier.Verify(Split).Problems, p => p.File == merged && p.Message.Contains("its parts add up to", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Json_output_lists_the_problems()
    {
        await InspectionFixture.PackAsync(Split);
        File.Delete(Shard(0));
        var (exit, output, _) = await InspectionFixture.RunAsync("verify", Split, "--json");
        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(output);
        Assert.False(json.RootElement.GetProperty("ok").GetBoolean());
        Assert.Contains(json.RootElement.GetProperty("problems").EnumerateArray(), p => p.GetProperty("file").GetString() == Shard(0));
    }

    [Fact]
    public async Task A_path_with_nothing_to_verify_is_a_usage_error()
    {
        var (exit, _, error) = await InspectionFixture.RunAsync("verify", Path.Combine(_temp.Path, "nothing"));
        Assert.Equal(2, exit);
        Assert.Contains("no such file or folder", error, StringComparison.Ordinal);
        (exit, _, _) = await InspectionFixture.RunAsync("verify");
        Assert.Equal(2, exit);
    }

    private static async IAsyncEnumerable<SourceDocument> Only(IAsyncEnumerable<SourceDocument> source, Func<SourceDocument, bool> keep)
    {
        await foreach (var d in source)
        {
            if (keep(d))
                yield return d;
        }
    }
}
