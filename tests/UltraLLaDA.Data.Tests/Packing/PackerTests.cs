using UltraLLaDA.Data.Packing;

namespace UltraLLaDA.Data.Tests.Packing;

public class PackerTests
{
    private static uint[] Tokens(int n, uint start = 100) => Enumerable.Range(0, n).Select(i => start + (uint)i).ToArray();

    [Fact]
    public void A_million_token_book_becomes_consecutive_64k_records_with_the_remainder_carried()
    {
        var options = new PackingOptions { Layout = SequenceLayout.Adaptive, Tail = TailPolicy.Keep };
        var packer = new Packer(options);
        var book = new uint[1_000_000];
        packer.Add(0, book);
        packer.Add(1, Tokens(10_000));
        packer.Complete();
        var records = new List<RecordCopy>();
        while (packer.TryTake(out var r))
            records.Add(RecordCopy.Of(r));

        Assert.Equal(16, records.Count); // 1,010,000 tokens = 15 full records + 26,240
        Assert.Equal(1_010_000 - (15 * 65536), records[^1].Tokens.Length);
        for (var i = 0; i < 15; i++)
            Assert.Equal(new Segment(0, (uint)(i * 65536), 65536), Assert.Single(records[i].Segments));
        Assert.Equal(new Segment(0, 15 * 65536, 1_000_000 - (15 * 65536)), records[15].Segments[0]);
        Assert.Equal(new Segment(1, 0, 10_000), records[15].Segments[1]);
        Assert.Equal(1, packer.Stats.CutDocuments);
    }

    [Fact]
    public void Short_documents_are_concatenated_with_eod_after_each()
    {
        var options = new PackingOptions { SeqLen = 8, Layout = SequenceLayout.Eod, EodId = 1, PadId = 0 };
        var packer = new Packer(options);
        packer.Add(0, Tokens(2, 10));
        packer.Add(1, []);
        packer.Add(2, Tokens(3, 20));
        packer.Complete();
        Assert.True(packer.TryTake(out var record));
        Assert.Equal(new uint[] { 10, 11, 1, 20, 21, 22, 1, 0 }, record.Tokens.ToArray());
        Assert.Equal(new uint[] { 1, 1, 1, 2, 2, 2, 2, 0 }, record.SegmentIds.ToArray());
        Assert.Equal(new[] { new Segment(0, 0, 3), new Segment(2, 0, 4) }, record.Segments.ToArray());
        Assert.True(record.IsPadded);
        Assert.False(packer.TryTake(out _));
        Assert.Equal(1, packer.Stats.EmptyDocuments);
        Assert.Equal(1, packer.Stats.PaddingTokens);
    }

    [Fact]
    public void An_eod_never_lands_at_a_cut()
    {
        var options = new PackingOptions { SeqLen = 4, Layout = SequenceLayout.Eod, EodId = 1, Tail = TailPolicy.Keep };
        var packer = new Packer(options);
        packer.Add(0, Tokens(5, 10)); // stream: 10 11 12 13 14 EOD
        packer.Complete();
        Assert.True(packer.TryTake(out var first));
        Assert.Equal(new uint[] { 10, 11, 12, 13 }, first.Tokens.ToArray());
        Assert.Equal(new PackPosition(0, 4), first.Next);
        Assert.True(packer.TryTake(out var second));
        Assert.Equal(new uint[] { 14, 1 }, second.Tokens.ToArray());
        Assert.Equal(new Segment(0, 4, 2), Assert.Single(second.Segments.ToArray()));
    }

    [Fact]
    public void Drop_discards_the_tail_and_counts_it()
    {
        var packer = new Packer(new PackingOptions { SeqLen = 4, Tail = TailPolicy.Drop });
        packer.Add(0, Tokens(6));
        packer.Complete();
        Assert.True(packer.TryTake(out _));
        Assert.False(packer.TryTake(out _));
        Assert.Equal(2, packer.Stats.DroppedTokens);
    }

    [Fact]
    public void Ordinals_must_increase()
    {
        var packer = new Packer(new PackingOptions { SeqLen = 4, Tail = TailPolicy.Keep });
        packer.Add(3, Tokens(1));
        var e = Assert.Throws<ArgumentException>(() => packer.Add(3, Tokens(1)));
        Assert.Contains("3 came after 3", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void A_non_positive_seq_len_is_refused(int seqLen)
    {
        var e = Assert.Throws<ArgumentException>(() => new Packer(new PackingOptions { SeqLen = seqLen, Tail = TailPolicy.Keep }));
        Assert.Contains("seq_len", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Layout_eod_without_an_eod_id_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new Packer(new PackingOptions { Layout = SequenceLayout.Eod, Tail = TailPolicy.Keep }));
        // The flag to pass is the CLI's advice (PackCommandTests.Layout_eod_with_a_tokenizer_without_an_eod_names_the_flags).
        Assert.Equal(nameof(PackingOptions.EodId), e.ParamName);
        Assert.Contains("needs an EOD id", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Records_are_recycled_not_reallocated()
    {
        var packer = new Packer(new PackingOptions { SeqLen = 4, Tail = TailPolicy.Keep });
        packer.Add(0, Tokens(4));
        Assert.True(packer.TryTake(out var first));
        packer.Recycle(first);
        packer.Add(1, Tokens(4, 50));
        Assert.True(packer.TryTake(out var second));
        Assert.Same(first, second);
        Assert.Equal(1, second.Index);
        Assert.Equal(new uint[] { 50, 51, 52, 53 }, second.Tokens.ToArray());
    }

    [Fact]
    public void A_document_cut_at_a_record_boundary_counts_a_piece_beyond_the_fewest()
    {
        // seq_len 4: doc 0 (3 tokens) leaves room 1, so doc 1 (3 tokens, one record's worth) is cut in two.
        var packer = new Packer(new PackingOptions { SeqLen = 4, Tail = TailPolicy.Keep });
        packer.Add(0, Tokens(3));
        packer.Add(1, Tokens(3));
        packer.Add(2, Tokens(6)); // 2 tokens end record 1, 4 fill record 2: cut, but 2 pieces are the fewest 6 tokens need
        packer.Complete();
        Assert.Equal(1, packer.Stats.ExtraPieces);
        Assert.Equal(2, packer.Stats.CutDocuments);
    }
}
