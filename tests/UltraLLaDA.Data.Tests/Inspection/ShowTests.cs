using System.Text.Json;
using UltraLLaDA.Data.Inspection;
using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Formats.Ulds;
using UltraLLaDA.Data.Tests.Pipeline;
using UltraLLaDA.Data.Tests.Support;

namespace UltraLLaDA.Data.Tests.Inspection;

public class ShowTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Split => Path.Combine(_temp.Path, "train");

    /// <summary>A split record with several segments, one of them a continuation: its number in the split, its shard and its number there.</summary>
    private static (long Split, string Shard, int Record) Interesting(string split, Data.Output.SplitManifest manifest)
    {
        foreach (var entry in manifest.Shards)
        {
            using var reader = ShardReader.Open(Path.Combine(split, entry.File));
            for (var i = 0; i < reader.RecordCount; i++)
            {
                var record = reader.ReadRecord(i);
                if (record.SegmentCount >= 2 && record.Segments[0].IsContinuation)
                    return (entry.FirstRecord + i, reader.FilePath, i);
            }
        }

        throw new InvalidOperationException("no record with a continuation and another segment");
    }

    [Fact]
    public async Task A_record_is_described_with_provenance_from_the_documents_table()
    {
        var manifest = await InspectionFixture.PackAsync(Split, SequenceLayout.Eod);
        var (number, shard, index) = Interesting(Split, manifest);
        var target = InspectionTargets.ResolveOne(Split);
        var located = RecordInspector.Locate(target, number);
        Assert.Equal((shard, index, (long?)number), located);

        var report = RecordInspector.Describe(shard, index, number, DocumentCatalog.Read(target.DocumentsPath!), new ByteTokenizer());
        using var reader = ShardReader.Open(shard);
        var record = reader.ReadRecord(index);
        Assert.Equal(record.SegmentCount, report.Segments.Count);
        var first = report.Segments[0];
        Assert.True(first.IsContinuation);
        Assert.Equal(record.Segments[0].Doc, first.Doc);
        Assert.Equal($"Title {first.Doc}", first.Title);
        Assert.Equal($"part-{first.Doc / 10}.jsonl", first.Source);
        Assert.False(first.ContinuesInNextRecord);
        Assert.True(first.Text!.EndsWithEod);
        var second = report.Segments[1];
        Assert.False(second.IsContinuation);
        Assert.Equal(record.CuSeqlens[1], second.Start);

        // The decoded text is the document's own text: the head and tail of the segment's stretch of it.
        var corpus = new PipelineTestCorpus(40, 7);
        var text = corpus.Documents[(int)second.Doc].Text!;
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        var context = RecordInspector.DefaultContextTokens;
        var shown = (int)second.Length - (second.Text!.EndsWithEod ? 1 : 0);
        if (second.Text.Tail is null)
        {
            Assert.Equal(System.Text.Encoding.UTF8.GetString(bytes, 0, shown), second.Text.Head);
        }
        else
        {
            Assert.Equal(System.Text.Encoding.UTF8.GetString(bytes, 0, context), second.Text.Head);
            Assert.Equal(System.Text.Encoding.UTF8.GetString(bytes, shown - context, context), second.Text.Tail);
            Assert.Equal(shown - (2 * context), second.Text.OmittedTokens);
        }
    }

    [Fact]
    public async Task The_text_output_marks_segment_boundaries_and_shortens_long_segments()
    {
        var manifest = await InspectionFixture.PackAsync(Split, SequenceLayout.Eod);
        var (number, _, _) = Interesting(Split, manifest);
        var (exit, output, _) = await InspectionFixture.RunAsync("show", Split, "--record", number.ToString(), "--decode", "--context", "8");
        Assert.Equal(0, exit);
        Assert.Contains($"record {number} of the split", output, StringComparison.Ordinal);
        Assert.Contains("seg 1", output, StringComparison.Ordinal);
        Assert.Contains("continued from the previous record", output, StringComparison.Ordinal);
        Assert.Contains("▼ seg 1", output, StringComparison.Ordinal);
        Assert.Contains("▲ seg 2", output, StringComparison.Ordinal);
        Assert.Contains("⟨EOD⟩", output, StringComparison.Ordinal);
        Assert.Contains("tokens not shown (--full shows them)", output, StringComparison.Ordinal);
        Assert.Contains("\"Title ", output, StringComparison.Ordinal);

        var (_, full, _) = await InspectionFixture.RunAsync("show", Split, "--record", number.ToString(), "--decode", "--full");
        Assert.DoesNotContain("tokens not shown", full, StringComparison.Ordinal);
        Assert.True(full.Length > output.Length);
    }

    [Fact]
    public async Task Without_decode_there_is_no_text_and_json_has_the_segments()
    {
        await InspectionFixture.PackAsync(Split);
        var shard = Path.Combine(Split, "train-00001.ulds");
        var (exit, output, _) = await InspectionFixture.RunAsync("show", shard, "--record", "2", "--json");
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var segments = json.RootElement.GetProperty("segments");
        Assert.True(segments.GetArrayLength() >= 1);
        Assert.Equal(JsonValueKind.Null, segments[0].GetProperty("text").ValueKind);
        Assert.StartsWith("Title ", segments[0].GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, json.RootElement.GetProperty("record").GetInt32());
    }

    [Fact]
    public async Task The_padded_tail_shows_its_padding()
    {
        var manifest = await InspectionFixture.PackAsync(Split);
        var last = manifest.Totals!.Records - 1;
        var (exit, output, _) = await InspectionFixture.RunAsync("show", Split, "--record", last.ToString(), "--decode");
        Assert.Equal(0, exit);
        Assert.Contains($"+ {manifest.Totals.PaddingTokens:N0} padding (pad id 0)", output, StringComparison.Ordinal);
        Assert.Contains($"⟨padding: {manifest.Totals.PaddingTokens:N0} x pad id 0⟩", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tokenizer_that_cannot_be_loaded_is_a_usage_error_naming_it()
    {
        await InspectionFixture.PackAsync(Split);
        // The real command and the real loader: every load failure is one line and exit code 2, not a crash.
        var (exit, _, error) = Cli.CliProcess.Run("show", Split, "--record", "0", "--decode", "--tokenizer", "/nowhere/tokenizer.json");
        Assert.Equal(2, exit);
        Assert.Contains("cannot load the tokenizer", error, StringComparison.Ordinal);
        Assert.Contains("/nowhere/tokenizer.json", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_record_that_does_not_exist_is_a_usage_error()
    {
        var manifest = await InspectionFixture.PackAsync(Split);
        var (exit, _, error) = await InspectionFixture.RunAsync("show", Split, "--record", manifest.Totals!.Records.ToString());
        Assert.Equal(2, exit);
        Assert.Contains("there is no record", error, StringComparison.Ordinal);
        (exit, _, error) = await InspectionFixture.RunAsync("show", Split);
        Assert.Equal(2, exit);
        Assert.Contains("--record", error, StringComparison.Ordinal);
    }
}
