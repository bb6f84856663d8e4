using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Formats.Ulds;
using UltraLLaDA.Data.Tests.Support;

namespace UltraLLaDA.Data.Tests.Shards;

public class GoldenShardTests
{
    public const string HeaderJson =
        """{"format":"ulds","version":1,"seq_len":6,"layout":"eod","token_dtype":"uint32","vocab_size":50,"eod_id":0,"pad_id":0,"tokenizer":{"name":"golden","sha256":"00"},"shard_index":3,"some_future_key":[1,2]}""";

    /// <summary>
    /// Two records of seq_len 6 in layout eod: document 0 (4 text tokens + EOD) is whole, document 2
    /// (5 + EOD) is cut after one token and carried; the tail record is padded.
    /// </summary>
    public static byte[] Bytes() => new HandBuiltShard(HeaderJson)
        .Add([7, 8, 9, 10, 0, 31], [1, 1, 1, 1, 1, 2], [(0, 0, 5), (2, 0, 1)])
        .Add([32, 33, 34, 35, 0, 0], [1, 1, 1, 1, 1, 0], [(2, 1, 5)], flags: 1)
        .Build();

    [Fact]
    public void A_shard_built_by_hand_from_the_spec_reads_back()
    {
        using var temp = new TempDirectory();
        var path = temp.File("golden.ulds");
        File.WriteAllBytes(path, Bytes());
        using var reader = ShardReader.Open(path);

        Assert.Equal(6, reader.Header.SeqLen);
        Assert.Equal(SequenceLayout.Eod, reader.Header.Layout);
        Assert.Equal(50, reader.Header.VocabSize);
        Assert.Equal(0u, reader.Header.EodId);
        Assert.Null(reader.Header.BosId);
        Assert.Equal(3, reader.Header.ShardIndex);
        Assert.Equal(new TokenizerStamp("golden", "00"), reader.Header.Tokenizer);
        Assert.Equal(2, reader.RecordCount);

        var first = reader.ReadRecord(0);
        Assert.Equal(new uint[] { 7, 8, 9, 10, 0, 31 }, first.Tokens.ToArray());
        Assert.Equal(new uint[] { 1, 1, 1, 1, 1, 2 }, first.SegmentIds.ToArray());
        Assert.Equal(new[] { new Segment(0, 0, 5), new Segment(2, 0, 1) }, first.Segments.ToArray());
        Assert.Equal(new[] { 0, 5, 6 }, first.CuSeqlens.ToArray());
        Assert.False(first.IsPadded);

        var second = reader.ReadRecord(1);
        Assert.Equal(new uint[] { 32, 33, 34, 35, 0, 0 }, second.Tokens.ToArray());
        Assert.Equal(new[] { new Segment(2, 1, 5) }, second.Segments.ToArray());
        Assert.True(second.Segments[0].IsContinuation);
        Assert.Equal(new[] { 0, 5 }, second.CuSeqlens.ToArray());
        Assert.Equal(5, second.UnpaddedCount);
        Assert.True(second.IsPadded);
    }
}
