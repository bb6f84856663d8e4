using System.Buffers.Binary;
using UltraLLaDA.Data.Formats.Ulds;
using UltraLLaDA.Data.Tests.Support;

namespace UltraLLaDA.Data.Tests.Shards;

public class ShardReaderRejectsTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Bad_magic()
    {
        var bytes = GoldenShardTests.Bytes();
        bytes[0] = (byte)'X';
        AssertRejected(bytes, null, "bad magic");
    }

    [Fact]
    public void Unknown_version()
    {
        var shard = new HandBuiltShard(GoldenShardTests.HeaderJson) { Version = 2 };
        AssertRejected(shard.Add([7], [1], [(0, 0, 1)]).Build(), null, "unknown format version 2");
    }

    [Fact]
    public void Bad_end_magic_of_a_truncated_file()
    {
        var bytes = GoldenShardTests.Bytes();
        AssertRejected(bytes[..^5], null, "end magic");
        AssertRejected(bytes[..10], null, "too short");
    }

    [Fact]
    public void Index_hash_mismatch()
    {
        var bytes = GoldenShardTests.Bytes();
        var indexOffset = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(bytes.Length - 32));
        bytes[indexOffset + 13] ^= 0x40; // a token count in the index
        AssertRejected(bytes, null, "index hash");
    }

    [Fact]
    public void Payload_hash_mismatch_names_the_record()
    {
        var bytes = new HandBuiltShard(GoldenShardTests.HeaderJson)
            .Add([7, 8, 9, 10, 0, 31], [1, 1, 1, 1, 1, 2], [(0, 0, 5), (2, 0, 1)])
            .Add([32, 33, 34, 35, 0, 0], [1, 1, 1, 1, 1, 0], [(2, 1, 5)], flags: 1, lieAboutHash: true)
            .Build();
        AssertRejected(bytes, 1, "hash");
    }

    [Fact]
    public void A_flipped_byte_inside_a_record()
    {
        var bytes = GoldenShardTests.Bytes();
        var headerLength = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(12));
        bytes[16 + (int)headerLength + 20] ^= 0x01; // inside record 0's raw block
        AssertRejected(bytes, 0, "hash");
    }

    [Fact]
    public void Payload_of_the_wrong_size()
    {
        var bytes = new HandBuiltShard(GoldenShardTests.HeaderJson)
            .Add([7, 8, 9, 10, 0, 31], [1, 1, 1, 1, 1, 1], [(0, 0, 6)], claimTokens: 5)
            .Build();
        AssertRejected(bytes, 0, "payload size");
    }

    [Fact]
    public void Segment_ids_that_are_not_contiguous_runs()
    {
        var bytes = new HandBuiltShard(GoldenShardTests.HeaderJson)
            .Add([7, 8, 9, 10, 11, 12], [1, 2, 1, 2, 2, 2], [(0, 0, 3), (1, 0, 3)])
            .Build();
        AssertRejected(bytes, 0, "segment id");
    }

    [Fact]
    public void Segment_ids_outside_one_to_s()
    {
        var bytes = new HandBuiltShard(GoldenShardTests.HeaderJson)
            .Add([7, 8, 9, 10, 11, 12], [1, 1, 1, 3, 3, 3], [(0, 0, 3), (1, 0, 3)])
            .Build();
        AssertRejected(bytes, 0, "segment id 3");
    }

    [Fact]
    public void A_segment_table_that_disagrees_with_the_runs()
    {
        var bytes = new HandBuiltShard(GoldenShardTests.HeaderJson)
            .Add([7, 8, 9, 10, 11, 12], [1, 1, 1, 2, 2, 2], [(0, 0, 2), (1, 0, 4)])
            .Build();
        AssertRejected(bytes, 0, "segment");
    }

    [Fact]
    public void Padding_without_the_padded_flag()
    {
        var bytes = new HandBuiltShard(GoldenShardTests.HeaderJson)
            .Add([7, 8, 9, 10, 0, 0], [1, 1, 1, 1, 0, 0], [(0, 0, 4)])
            .Build();
        AssertRejected(bytes, 0, "not flagged");
    }

    [Fact]
    public void A_short_record_that_is_not_the_last()
    {
        var bytes = new HandBuiltShard(GoldenShardTests.HeaderJson)
            .Add([7, 8, 9], [1, 1, 1], [(0, 0, 3)])
            .Add([7, 8, 9, 10, 11, 12], [1, 1, 1, 1, 1, 1], [(1, 0, 6)])
            .Build();
        AssertRejected(bytes, 0, "only the last record");
    }

    [Fact]
    public void A_token_outside_the_vocabulary()
    {
        var bytes = new HandBuiltShard(GoldenShardTests.HeaderJson)
            .Add([7, 8, 9, 10, 11, 99], [1, 1, 1, 1, 1, 1], [(0, 0, 6)])
            .Build();
        AssertRejected(bytes, 0, "vocabulary size 50");
    }

    [Fact]
    public void A_header_that_is_not_a_ulds_header()
    {
        var bytes = new HandBuiltShard("""{"format":"ulds","version":1,"seq_len":6,"layout":"sideways","token_dtype":"uint32","vocab_size":50,"tokenizer":{"name":"x","sha256":"0"},"shard_index":0}""")
            .Add([7], [1], [(0, 0, 1)]).Build();
        AssertRejected(bytes, null, "layout");
        var notJson = new HandBuiltShard("{\"format\": ").Add([7], [1], [(0, 0, 1)]).Build();
        AssertRejected(notJson, null, "not valid JSON");
    }

    [Fact]
    public void Two_frames_where_one_is_expected()
    {
        // The payload is intact and its hash right; only the rule "one record is one frame" catches it.
        var bytes = new HandBuiltShard(GoldenShardTests.HeaderJson)
            .Add([7, 8, 9, 10, 0, 31], [1, 1, 1, 1, 1, 2], [(0, 0, 5), (2, 0, 1)], trailingEmptyFrame: true)
            .Build();
        AssertRejected(bytes, 0, "exactly one zstd frame");
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var e = Assert.Throws<ShardFormatException>(() => ShardReader.Open(_temp.File("nope.ulds")));
        Assert.Contains("nope.ulds", e.Message, StringComparison.Ordinal);
    }

    private void AssertRejected(byte[] bytes, int? record, string problem)
    {
        var path = _temp.File($"bad-{Guid.NewGuid():N}.ulds");
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<ShardFormatException>(() =>
        {
            using var reader = ShardReader.Open(path);
            for (var i = 0; i < reader.RecordCount; i++)
                reader.ReadRecord(i);
        });
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(record, e.Record);
        if (record is int r)
            Assert.Contains($"record {r}", e.Message, StringComparison.Ordinal);
    }
}
