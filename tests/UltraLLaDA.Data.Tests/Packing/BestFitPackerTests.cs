using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Packing.BestFit;

namespace UltraLLaDA.Data.Tests.Packing;

public class BestFitPackerTests
{
    private static readonly PackingOptions Ten = new() { SeqLen = 10, Layout = SequenceLayout.Adaptive, PadId = 0 };

    private static uint[] Tokens(int n, uint start = 100) => Enumerable.Range(0, n).Select(i => start + (uint)i).ToArray();

    private static List<RecordCopy> Run(BestFitPacker packer, params int[] lengths)
    {
        var records = new List<RecordCopy>();
        for (var d = 0; d < lengths.Length; d++)
        {
            packer.Add(d, Tokens(lengths[d], (uint)(100 * (d + 1))));
            Drain(packer, records);
        }

        packer.Complete();
        Drain(packer, records);
        return records;
    }

    private static void Drain(BestFitPacker packer, List<RecordCopy> records)
    {
        while (packer.TryTake(out var r))
        {
            records.Add(RecordCopy.Of(r));
            packer.Recycle(r);
        }
    }

    [Fact]
    public void Pieces_go_longest_first_into_the_record_with_the_least_room_that_fits()
    {
        // 6 opens r0 (room 4); 5 does not fit r0, opens r1 (room 5); 4 fits both, r0 has less room; 3 goes to r1.
        var records = Run(new BestFitPacker(Ten, BestFitWindow.Default), 6, 5, 4, 3);
        Assert.Equal(2, records.Count);
        Assert.Equal(new[] { new Segment(0, 0, 6), new Segment(2, 0, 4) }, records[0].Segments);
        Assert.Equal(new[] { new Segment(1, 0, 5), new Segment(3, 0, 3) }, records[1].Segments);
        Assert.Equal(new uint[] { 100, 101, 102, 103, 104, 105, 300, 301, 302, 303 }, records[0].Tokens);
        Assert.Equal(new uint[] { 1, 1, 1, 1, 1, 1, 2, 2, 2, 2 }, records[0].SegmentIds);
        Assert.False(records[0].IsPadded);
        Assert.Equal(new uint[] { 1, 1, 1, 1, 1, 2, 2, 2, 0, 0 }, records[1].SegmentIds);
        Assert.True(records[1].IsPadded);
    }

    [Fact]
    public void Equal_lengths_go_in_document_order_and_equal_rooms_to_the_first_record()
    {
        // Two 7s open r0 and r1 (room 3 each); the first 3 (doc 2) fills r0, the second (doc 3) r1.
        var records = Run(new BestFitPacker(Ten, BestFitWindow.Default), 3, 7, 3, 7);
        Assert.Equal(new[] { new Segment(1, 0, 7), new Segment(0, 0, 3) }, records[0].Segments);
        Assert.Equal(new[] { new Segment(3, 0, 7), new Segment(2, 0, 3) }, records[1].Segments);
    }

    [Fact]
    public void A_long_document_gives_whole_records_at_once_and_its_remainder_is_placed_with_the_window()
    {
        var packer = new BestFitPacker(Ten, BestFitWindow.Default);
        packer.Add(0, Tokens(4));
        Assert.False(packer.TryTake(out _)); // buffered, the window is open
        packer.Add(1, Tokens(26, 200));
        var records = new List<RecordCopy>();
        Drain(packer, records);
        Assert.Equal(new[] { new Segment(1, 0, 10), new Segment(1, 10, 10) }, records.Select(r => Assert.Single(r.Segments)));
        Assert.Equal(new[] { new PackPosition(0, 1), new PackPosition(0, 2) }, records.Select(r => r.Next));
        packer.Complete();
        Drain(packer, records);
        Assert.Equal(3, records.Count);
        Assert.Equal(new[] { new Segment(1, 20, 6), new Segment(0, 0, 4) }, records[2].Segments);
        Assert.Equal(new PackPosition(2, 0), records[2].Next);
        Assert.Equal(1, packer.Stats.CutDocuments);
        Assert.Equal(0, packer.Stats.ExtraPieces);
        Assert.Equal(0, packer.Stats.PaddingTokens);
    }

    [Fact]
    public void Records_that_are_not_full_are_padded_anywhere_in_the_split()
    {
        // Window of two documents: {8, 8} makes two padded records, then {2, 2} one more.
        var packer = new BestFitPacker(Ten with { Tail = TailPolicy.Keep }, new BestFitWindow { MaxDocuments = 2 });
        var records = Run(packer, 8, 8, 2, 2);
        Assert.Equal(3, records.Count);
        Assert.True(records[0].IsPadded);
        Assert.True(records[1].IsPadded);
        Assert.Equal(new[] { new PackPosition(0, 1), new PackPosition(2, 0) }, records.Take(2).Select(r => r.Next));
        Assert.Equal(4, records[2].Tokens.Length); // the split's last record, kept short
        Assert.False(records[2].IsPadded);
        Assert.Equal(4, packer.Stats.PaddingTokens);
    }

    [Fact]
    public void A_window_closes_at_its_token_bound()
    {
        // 6 buffered tokens reach the bound of 5: the next document starts a new window.
        var records = Run(new BestFitPacker(Ten, new BestFitWindow { MaxTokens = 5 }), 6, 4, 4);
        Assert.Equal(new[] { new Segment(0, 0, 6) }, records[0].Segments);
        Assert.Equal(new[] { new Segment(1, 0, 4), new Segment(2, 0, 4) }, records[1].Segments);
    }

    [Fact]
    public void Drop_discards_only_the_splits_last_record()
    {
        var packer = new BestFitPacker(Ten with { Tail = TailPolicy.Drop }, new BestFitWindow { MaxDocuments = 2 });
        var records = Run(packer, 8, 8, 2, 2);
        Assert.Equal(2, records.Count);
        Assert.Equal(4, packer.Stats.DroppedTokens);
        Assert.Equal(4, packer.Stats.PaddingTokens);
    }

    [Fact]
    public void Resuming_mid_window_replays_it_and_skips_what_was_written()
    {
        // Records: the two whole chunks of doc 1, then {6 of doc 1, 4 of doc 0} and {3 of doc 2} placed at Complete.
        var full = Run(new BestFitPacker(Ten, BestFitWindow.Default), 4, 26, 3);
        Assert.Equal(4, full.Count);
        Assert.Equal(new PackPosition(0, 2), full[1].Next);
        var packer = new BestFitPacker(Ten, BestFitWindow.Default, full[1].Next, firstRecordIndex: 2);
        var resumed = Run(packer, 4, 26, 3);
        Assert.Equivalent(full.Skip(2).ToList(), resumed, strict: true);
        Assert.Equal(2, packer.Stats.Records);
        Assert.Equal(3, packer.Stats.Documents); // each document's last piece is in a record this run wrote
    }

    [Fact]
    public void A_resume_point_past_its_window_is_refused()
    {
        var packer = new BestFitPacker(Ten, BestFitWindow.Default, new PackPosition(0, 5));
        packer.Add(0, Tokens(4));
        var e = Assert.Throws<InvalidOperationException>(packer.Complete);
        Assert.Contains("doc 0 offset 5", e.Message, StringComparison.Ordinal);
        Assert.Contains("document 0 (1 records)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pad_id_is_needed_whatever_the_tail_policy()
    {
        var e = Assert.Throws<ArgumentException>(() => new BestFitPacker(new PackingOptions { SeqLen = 4, Tail = TailPolicy.Keep }, BestFitWindow.Default));
        Assert.Contains("pad id", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(4, 0)]
    [InlineData(4, BestFitWindow.MaxMaxTokens + 1)]
    public void An_empty_or_oversized_window_is_refused(int documents, long tokens)
    {
        var e = Assert.Throws<ArgumentException>(() => new BestFitPacker(Ten, new BestFitWindow { MaxDocuments = documents, MaxTokens = tokens }));
        Assert.Contains("window", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ordinals_must_increase()
    {
        var packer = new BestFitPacker(Ten, BestFitWindow.Default);
        packer.Add(3, Tokens(1));
        var e = Assert.Throws<ArgumentException>(() => packer.Add(2, Tokens(1)));
        Assert.Contains("2 came after 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Records_are_recycled_not_reallocated()
    {
        var packer = new BestFitPacker(Ten, BestFitWindow.Default);
        packer.Add(0, Tokens(10));
        Assert.True(packer.TryTake(out var first));
        packer.Recycle(first);
        packer.Add(1, Tokens(3, 50));
        packer.Complete();
        Assert.True(packer.TryTake(out var second));
        Assert.Same(first, second);
        Assert.Equal(new uint[] { 50, 51, 52, 0, 0, 0, 0, 0, 0, 0 }, second.Tokens.ToArray());
        Assert.Equal(new[] { new Segment(1, 0, 3) }, second.Segments.ToArray());
    }
}
