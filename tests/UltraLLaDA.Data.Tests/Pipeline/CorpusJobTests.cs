using UltraLLaDA.Data.Formats;
using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Pipeline;
using UltraLLaDA.Data.Sources;
using UltraLLaDA.Data.Tests.Support;
using UltraLLaDA.Data.Tokenization;

namespace UltraLLaDA.Data.Tests.Pipeline;

/// <summary>The corpus-level policy every front end shares, and its typed errors (which never name a flag).</summary>
public class CorpusJobTests
{
    private static readonly string Mini = Path.Combine(TestPaths.RepoRoot, "samples", "pg19-mini");

    private static CorpusJobRequest Request(string output) => new() { Input = Mini, Output = output, InputLayout = SourceLayout.Pg19Text, Layout = SequenceLayout.Eod, SeqLen = 4096 };

    [Fact]
    public void Every_split_of_the_input_gets_its_own_folder_and_the_pad_id_defaults_to_the_eod()
    {
        using var temp = new TempDirectory();
        var tokenizer = new Utf8ByteTokenizer();
        var job = CorpusJob.Plan(Request(temp.Path), tokenizer);
        Assert.Equal(["test", "train", "validation"], job.Splits.Select(s => s.Split).Order(StringComparer.Ordinal));
        Assert.All(job.Splits, s => Assert.Equal(Path.Combine(temp.Path, s.Split), s.Settings.OutputDirectory));
        Assert.Equal((uint)Utf8ByteTokenizer.EodId, job.Packing.PadId);
        Assert.Equal((uint)Utf8ByteTokenizer.EodId, job.Packing.EodId);
        Assert.Equal("concat", job.Packing.Strategy);
        Assert.Same(ShardFormats.Default, job.Format);

        var one = CorpusJob.Plan(Request(temp.Path) with { Split = "validation", Partition = PartitionSpec.Parse("1/2"), PadId = 7 }, tokenizer);
        var split = Assert.Single(one.Splits);
        Assert.Equal("validation-part001of002-00000.ulds", split.Settings.Names.Shard(0));
        Assert.Equal(7u, one.Packing.PadId);
    }

    [Theory]
    [InlineData(PackSetting.PadId)]
    [InlineData(PackSetting.BosId)]
    public void An_id_outside_the_vocabulary_is_refused_naming_the_setting_not_a_flag(PackSetting setting)
    {
        using var temp = new TempDirectory();
        var request = setting == PackSetting.PadId ? Request(temp.Path) with { PadId = 100_000 } : Request(temp.Path) with { BosId = 100_000 };
        var e = Assert.Throws<PackJobException>(() => CorpusJob.Plan(request, new Utf8ByteTokenizer()));
        Assert.Equal(setting, e.Setting);
        Assert.Equal(PackProblem.InvalidSetting, e.Problem);
        Assert.Contains("100000 is outside the vocabulary", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("--", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("first-fit", null, PackSetting.Pack)]
    [InlineData(null, "mmap", PackSetting.Format)]
    public void An_unknown_strategy_or_format_is_refused_listing_the_known_ones(string? pack, string? format, PackSetting setting)
    {
        using var temp = new TempDirectory();
        var e = Assert.Throws<PackJobException>(() => CorpusJob.Plan(Request(temp.Path) with { Pack = pack, Format = format }, new Utf8ByteTokenizer()));
        Assert.Equal(setting, e.Setting);
        Assert.Contains(setting == PackSetting.Pack ? "concat" : "ulds", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tokenizer_without_an_eod_cannot_pack_layout_eod_or_pad_by_default()
    {
        using var temp = new TempDirectory();
        var noEod = new ByteTokenizer().Info with { EodId = null };
        var eod = Assert.Throws<PackJobException>(() => CorpusJob.ResolvePacking(Request(temp.Path), noEod));
        Assert.Equal(PackSetting.EodId, eod.Setting);
        var pad = Assert.Throws<PackJobException>(() => CorpusJob.ResolvePacking(Request(temp.Path) with { Layout = SequenceLayout.Direct }, noEod));
        Assert.Equal(PackSetting.PadId, pad.Setting);
        var keep = CorpusJob.ResolvePacking(Request(temp.Path) with { Layout = SequenceLayout.Direct, Tail = TailPolicy.Keep }, noEod);
        Assert.Null(keep.PadId);
    }
}
