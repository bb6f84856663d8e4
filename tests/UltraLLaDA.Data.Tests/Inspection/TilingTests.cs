using UltraLLaDA.Data.Inspection;
using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Formats.Ulds;
using UltraLLaDA.Data.Tests.Support;
using UltraLLaDA.Data.Output;

namespace UltraLLaDA.Data.Tests.Inspection;

/// <summary>
/// Splits whose every file and manifest line is self-consistent, but whose records do not tile the
/// documents: a record left out, a record written twice, records swapped. Only the tiling check sees it.
/// </summary>
public class TilingTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Split => Path.Combine(_temp.Path, "train");

    private string Shard(int i) => Path.Combine(Split, $"train-{i:D5}.ulds");

    [Fact]
    public async Task A_left_out_record_is_a_gap_named_at_the_record_after_it()
    {
        await InspectionFixture.PackAsync(Split, SequenceLayout.Direct);
        Rewrite(2, records => records.RemoveAt(1));
        var problems = Problems();
        Assert.Contains(problems, p => p.File == Shard(2) && p.Record == 1 && (p.Message.Contains("gap", StringComparison.Ordinal) || p.Message.Contains("in no record", StringComparison.Ordinal)));
        Assert.DoesNotContain(problems, p => p.Message.Contains("SHA-256", StringComparison.Ordinal) || p.Message.Contains("the manifest says", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_record_written_twice_is_an_overlap_or_out_of_order()
    {
        await InspectionFixture.PackAsync(Split, SequenceLayout.Direct);
        Rewrite(2, records => records.Insert(1, records[1]));
        var problems = Problems();
        Assert.Contains(problems, p => p.File == Shard(2) && p.Record == 2 && (p.Message.Contains("overlap", StringComparison.Ordinal) || p.Message.Contains("out of order", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Swapped_records_are_named()
    {
        await InspectionFixture.PackAsync(Split, SequenceLayout.Direct);
        Rewrite(3, records => (records[0], records[1]) = (records[1], records[0]));
        var problems = Problems();
        Assert.Contains(problems, p => p.File == Shard(3) && p.Record is 0 or 1);
    }

    [Fact]
    public async Task A_good_split_rewritten_as_is_still_verifies()
    {
        await InspectionFixture.PackAsync(Split, SequenceLayout.Direct);
        Rewrite(3, _ => { });
        Assert.Empty(Problems());
    }

    private List<VerificationProblem> Problems() => ShardVerifier.Verify(Split).Problems.ToList();

    /// <summary>Rewrites shard <paramref name="index"/> with its records edited, and fixes its manifest line and what follows from it.</summary>
    private void Rewrite(int index, Action<List<(uint[] Tokens, uint[] Ids, Segment[] Segments, bool Padded)>> edit)
    {
        var path = Shard(index);
        ShardHeader header;
        var records = new List<(uint[], uint[], Segment[], bool)>();
        using (var reader = ShardReader.Open(path))
        {
            header = reader.Header;
            foreach (var r in reader.ReadAll())
                records.Add((r.Tokens.ToArray(), r.SegmentIds.ToArray(), r.Segments.ToArray(), r.IsPadded));
        }

        edit(records);
        File.Delete(path);
        ShardSummary summary;
        using (var writer = ShardWriter.Create(path, header))
        {
            foreach (var (tokens, ids, segments, padded) in records)
                writer.Write(tokens, ids, segments, padded);
            summary = writer.Complete();
        }

        var manifestPath = Path.Combine(Split, "manifest.json");
        var manifest = ManifestFile.Read(manifestPath);
        var shards = manifest.Shards.ToList();
        var old = shards[index];
        shards[index] = old with { Records = summary.Records, Tokens = summary.Tokens, Bytes = summary.Bytes, Sha256 = summary.Sha256 };
        long first = 0;
        for (var i = 0; i < shards.Count; i++)
        {
            shards[i] = shards[i] with { FirstRecord = first };
            first += shards[i].Records;
        }

        var delta = summary.Records - old.Records;
        var tokenDelta = summary.Tokens - old.Tokens;
        var totals = manifest.Totals! with { Records = manifest.Totals!.Records + delta, Tokens = manifest.Totals.Tokens + tokenDelta };
        totals = totals with { Fill = Math.Round(totals.Tokens / ((double)totals.Records * manifest.Config.SeqLen), 6) };
        ManifestFile.Write(manifestPath, manifest with { Shards = shards, Totals = totals });
    }
}
