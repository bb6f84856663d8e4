using UltraLLaDA.Data.Packing;

namespace UltraLLaDA.Data.Tests.Packing;

/// <summary>One document per record: what a format that takes whole documents (Megatron) is given.</summary>
public class DocumentPackerTests
{
    [Fact]
    public void Each_document_is_one_record_of_its_whole_stream_with_one_segment_and_no_padding()
    {
        var options = new PackingOptions { SeqLen = 4, Layout = SequenceLayout.Eod, EodId = 9, PadId = 0, BosId = 8 };
        var packer = PackingStrategies.Documents.CreatePacker(options, PackPosition.Start, 0);
        packer.Add(0, [1, 2, 3, 4, 5, 6]);
        packer.Add(1, []);
        packer.Add(3, [7]);
        packer.Complete();

        var records = new List<(long Index, uint[] Tokens, Segment[] Segments, uint[] Ids, bool Padded, PackPosition Next)>();
        while (packer.TryTake(out var r))
        {
            records.Add((r.Index, r.Tokens.ToArray(), r.Segments.ToArray(), r.SegmentIds.ToArray(), r.IsPadded, r.Next));
            packer.Recycle(r);
        }

        Assert.Equal(2, records.Count);
        Assert.Equal([8u, 1, 2, 3, 4, 5, 6, 9], records[0].Tokens);
        Assert.Equal([new Segment(0, 0, 8)], records[0].Segments);
        Assert.All(records[0].Ids, id => Assert.Equal(1u, id));
        Assert.Equal([8u, 7, 9], records[1].Tokens);
        Assert.Equal([new Segment(3, 0, 3)], records[1].Segments);
        Assert.Equal((0L, 1L), (records[0].Index, records[1].Index));
        Assert.False(records[0].Padded || records[1].Padded);
        Assert.Equal(new PackPosition(4, 0), records[1].Next);
        Assert.Equal(1, packer.Stats.EmptyDocuments);
        Assert.Equal(11, packer.Stats.Tokens);
    }

    [Fact]
    public void A_resumed_packer_skips_the_documents_before_its_start_and_numbers_on()
    {
        var packer = PackingStrategies.Documents.CreatePacker(new PackingOptions { SeqLen = 4, Tail = TailPolicy.Keep }, new PackPosition(1, 0), 5);
        packer.Add(0, [1, 2]);
        packer.Add(1, [3]);
        Assert.True(packer.TryTake(out var record));
        Assert.Equal(5, record.Index);
        Assert.Equal([new Segment(1, 0, 1)], record.Segments.ToArray());
        Assert.Throws<ArgumentException>(() => PackingStrategies.Documents.CreatePacker(new PackingOptions { Tail = TailPolicy.Keep }, new PackPosition(1, 3), 0));
    }
}
