using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Packing.BestFit;
using UltraLLaDA.Data.Tests.Tokenization;
using Xunit.Abstractions;

namespace UltraLLaDA.Data.Tests.Packing;

/// <summary>
/// Both strategies on the PG-19 sample's shape: the 21 train books' real token counts (from the
/// tokenizers' golden files, so no tokenizing and no sample needed), packed into 8K records. Only
/// lengths decide where pieces go, so these are the counts the real job reports.
/// </summary>
public class BestFitPg19ShapeTests(ITestOutputHelper output)
{
    private const int SeqLen = 8192;

    public static TheoryData<string, SequenceLayout> Cases() => new()
    {
        { "llama3", SequenceLayout.Adaptive },
        { "llama3", SequenceLayout.Eod },
        { "qwen3", SequenceLayout.Adaptive },
        { "o200k", SequenceLayout.Adaptive },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Best_fit_needs_no_extra_pieces_and_fills_within_a_point_of_concat(string tokenizer, SequenceLayout layout)
    {
        var books = GoldenFile.Load(tokenizer).Books;
        Assert.Equal(21, books.Count);
        var options = new PackingOptions { SeqLen = SeqLen, Layout = layout, EodId = 1, PadId = 0, Tail = TailPolicy.Pad };
        var concat = Pack(new Packer(options), books);
        var bestFit = Pack(new BestFitPacker(options, BestFitWindow.Default), books);
        output.WriteLine($"{tokenizer} {layout}: concat {Describe(concat)}; best-fit {Describe(bestFit)}");

        Assert.Equal(concat.Tokens, bestFit.Tokens);
        Assert.True(concat.ExtraPieces > 0, "concat cuts some book more often than its length needs");
        Assert.Equal(0, bestFit.ExtraPieces);
        Assert.True(Fill(bestFit) >= Fill(concat) - 0.01, $"best-fit fill {Fill(bestFit):P2} is more than a point below concat's {Fill(concat):P2}");
    }

    private static PackingStats Pack(IPacker packer, List<GoldenBook> books)
    {
        for (var d = 0; d < books.Count; d++)
        {
            packer.Add(d, new uint[books[d].Count]);
            while (packer.TryTake(out var record))
                packer.Recycle(record);
        }

        packer.Complete();
        while (packer.TryTake(out var record))
            packer.Recycle(record);
        return packer.Stats;
    }

    private static double Fill(PackingStats s) => s.Tokens / ((double)s.Records * SeqLen);

    private static string Describe(PackingStats s) =>
        $"{s.Records} records, fill {Fill(s):P3}, {s.CutDocuments} cut, {s.ExtraPieces} extra pieces, {s.PaddingTokens} padding";
}
