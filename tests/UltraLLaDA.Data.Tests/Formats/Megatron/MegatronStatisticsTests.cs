using UltraLLaDA.Data.Formats.Megatron;
using UltraLLaDA.Data.Inspection;
using UltraLLaDA.Data.Tests.Support;

namespace UltraLLaDA.Data.Tests.Formats.Megatron;

public class MegatronStatisticsTests
{
    [Fact]
    public void Inspecting_two_pairs_counts_sequences_tokens_lengths_and_eod_endings()
    {
        using var temp = new TempDirectory();
        const uint Eod = 999;
        var a = MegatronTestData.Write(temp.File("train-00000_text_document"), MegatronDType.UInt16, [[1, 2, Eod], [5, Eod]]);
        var b = MegatronTestData.Write(temp.File("train-00001_text_document"), MegatronDType.UInt16, [[7, 7, 7, 7, 7, 7, 7, 7, 7, Eod], [3]]);

        var report = MegatronStatistics.Collect("train", "split", [a.Prefix, b.Prefix], Eod);

        Assert.Equal("uint16", report.TokenDtype);
        Assert.Equal(4, report.Sequences);
        Assert.Equal(4, report.Documents);
        Assert.Equal(16, report.Tokens);
        Assert.Equal(3, report.EodTerminated);
        Assert.Equal(new Spread(1, 2.5, 4, 10), report.SequenceLength);
        Assert.Equal(
            [new HistogramBin(1, 1, 1, 1), new HistogramBin(2, 3, 2, 5), new HistogramBin(8, 15, 1, 10)],
            report.SequenceLengths);
        Assert.Equal(a.Data.Bytes + a.Index.Bytes + b.Data.Bytes + b.Index.Bytes, report.FileBytes);
        Assert.Equal($"5 {a.Prefix} 11 {b.Prefix}", report.DataPath);
        Assert.Equal([a.Prefix, b.Prefix], report.Pairs.Select(p => p.Prefix));
    }

    [Fact]
    public void A_damaged_pair_stops_inspection_naming_its_file()
    {
        using var temp = new TempDirectory();
        var a = MegatronTestData.Write(temp.File("x"), MegatronDType.UInt16, [[1, 2]]);
        File.WriteAllBytes(a.Data.Path, [1]);
        var e = Assert.Throws<MegatronFormatException>(() => MegatronStatistics.Collect("x", "pair", [a.Prefix], null));
        Assert.Equal(a.Data.Path, e.FilePath);
    }
}
