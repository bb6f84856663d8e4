using CsCheck;
using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Formats.Ulds;
using UltraLLaDA.Data.Tests.Packing;
using UltraLLaDA.Data.Tests.Support;

namespace UltraLLaDA.Data.Tests.Shards;

public class ShardRoundTripTests
{
    [Fact]
    public void Writer_to_reader_round_trips_every_record_exactly()
    {
        using var temp = new TempDirectory();
        PackingGen.Case.Where(c => c.Documents.Any(d => d.Length > 0)).Sample(c =>
        {
            var path = temp.File($"case-{Guid.NewGuid():N}.ulds"); // CsCheck runs samples on several threads
            var records = c.Pack();
            File.WriteAllBytes(path, ShardTestData.Write(c, records));
            using var reader = ShardReader.Open(path);
            Assert.Equal(ShardTestData.Header(c.Options), reader.Header);
            Assert.Equal(records.Count, reader.RecordCount);
            ShardRecord? reuse = null;
            for (var i = records.Count - 1; i >= 0; i--) // backwards: random access, not a stream
            {
                var expected = records[i];
                var actual = reuse = reader.ReadRecord(i, reuse);
                Assert.Equal(i, actual.Index);
                Assert.Equal(expected.Tokens, actual.Tokens.ToArray());
                Assert.Equal(expected.SegmentIds, actual.SegmentIds.ToArray());
                Assert.Equal(expected.Segments, actual.Segments.ToArray());
                Assert.Equal(expected.IsPadded, actual.IsPadded);
                var cu = new List<int> { 0 };
                foreach (var s in expected.Segments)
                    cu.Add(cu[^1] + (int)s.Length);
                Assert.Equal(cu, actual.CuSeqlens.ToArray());
            }
        }, iter: 300);
    }

    [Fact]
    public void The_same_input_gives_byte_identical_shards()
    {
        PackingGen.Case.Where(c => c.Documents.Any(d => d.Length > 0)).Sample(c =>
        {
            var first = ShardTestData.Write(c, c.Pack());
            var second = ShardTestData.Write(c, c.Pack());
            Assert.Equal(first, second);
        }, iter: 100);
    }

    [Fact]
    public void A_file_shard_appears_under_its_name_only_when_complete()
    {
        using var temp = new TempDirectory();
        var path = temp.File("train-00000.ulds");
        var options = new PackingOptions { SeqLen = 4, Tail = TailPolicy.Keep };
        var header = ShardTestData.Header(options);
        using (var writer = ShardWriter.Create(path, header))
        {
            writer.Write([11u, 12, 13, 14], [1u, 1, 1, 1], [new Segment(0, 0, 4)], false);
            Assert.False(File.Exists(path));
            Assert.True(File.Exists(path + ShardWriter.PartialSuffix));
            var summary = writer.Complete();
            Assert.Equal(1, summary.Records);
            Assert.Equal(new FileInfo(path).Length, summary.Bytes);
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))), summary.Sha256);
        }

        Assert.True(File.Exists(path));
        Assert.False(File.Exists(path + ShardWriter.PartialSuffix));
    }

    [Fact]
    public void An_abandoned_writer_leaves_nothing_behind()
    {
        using var temp = new TempDirectory();
        var path = temp.File("train-00001.ulds");
        using (var writer = ShardWriter.Create(path, ShardTestData.Header(new PackingOptions { SeqLen = 4, Tail = TailPolicy.Keep })))
            writer.Write([11u, 12, 13, 14], [1u, 1, 1, 1], [new Segment(0, 0, 4)], false);
        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void The_writer_refuses_a_record_that_breaks_the_format()
    {
        using var buffer = new MemoryStream();
        using var writer = new ShardWriter(buffer, ShardTestData.Header(new PackingOptions { SeqLen = 4, Tail = TailPolicy.Keep }));
        var e = Assert.Throws<ArgumentException>(() => writer.Write([11u, 12, 13, 14], [1u, 2, 1, 1], [new Segment(0, 0, 1), new Segment(1, 0, 3)], false));
        Assert.Contains("token 2 has segment id 1", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => writer.Write([11u, 12, 5000, 14], [1u, 1, 1, 1], [new Segment(0, 0, 4)], false));
    }

    [Fact]
    public void Only_the_last_record_of_a_shard_may_be_short()
    {
        using var buffer = new MemoryStream();
        using var writer = new ShardWriter(buffer, ShardTestData.Header(new PackingOptions { SeqLen = 4, Tail = TailPolicy.Keep }));
        writer.Write([11u, 12], [1u, 1], [new Segment(0, 0, 2)], false);
        Assert.Throws<InvalidOperationException>(() => writer.Write([11u, 12, 13, 14], [1u, 1, 1, 1], [new Segment(1, 0, 4)], false));
    }

    [Fact]
    public void Records_can_be_read_from_many_threads_at_once()
    {
        using var temp = new TempDirectory();
        var path = temp.File("parallel.ulds");
        var c = new PackingCase(
            new PackingOptions { SeqLen = 512, Tail = TailPolicy.Keep },
            Enumerable.Range(0, 40).Select(d => Enumerable.Range(0, 97 * (d + 1)).Select(i => (uint)(10 + ((i * 7) + d) % 900)).ToArray()).ToArray());
        var records = c.Pack();
        File.WriteAllBytes(path, ShardTestData.Write(c, records));
        using var reader = ShardReader.Open(path);
        Parallel.For(0, records.Count * 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var r = i % records.Count;
            Assert.Equal(records[r].Tokens, reader.ReadRecord(r).Tokens.ToArray());
        });
    }
}
