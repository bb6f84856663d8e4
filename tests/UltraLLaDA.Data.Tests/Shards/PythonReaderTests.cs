using System.Text.Json;
using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Packing.BestFit;
using UltraLLaDA.Data.Formats.Ulds;
using UltraLLaDA.Data.Tests.Packing;
using UltraLLaDA.Data.Tests.Support;

namespace UltraLLaDA.Data.Tests.Shards;

/// <summary>
/// The Python package (python/src/ultrallada_data, the format's reference reader for PyTorch users)
/// must read our shards and agree with our reader field by field, for every layout and every packing
/// strategy, and refuse a damaged shard naming the file.
/// </summary>
public class PythonReaderTests
{
    /// <summary>The packing strategies whose shards the Python reader must read. A new strategy is one line here.</summary>
    private static readonly Dictionary<string, Func<PackingOptions, IPacker>> Strategies = new()
    {
        ["concat"] = options => new Packer(options),
        ["best-fit"] = options => new BestFitPacker(options, BestFitWindow.Default),
    };

    public static TheoryData<string, SequenceLayout> Cases()
    {
        var cases = new TheoryData<string, SequenceLayout>();
        foreach (var strategy in Strategies.Keys)
        {
            foreach (var layout in Enum.GetValues<SequenceLayout>())
                cases.Add(strategy, layout);
        }

        return cases;
    }

    [RequiresPythonReaderTheory]
    [MemberData(nameof(Cases))]
    public void The_python_reader_sees_what_the_csharp_reader_sees(string strategy, SequenceLayout layout)
    {
        using var temp = new TempDirectory();
        var random = new Random(7);
        var options = new PackingOptions { SeqLen = 64, Layout = layout, EodId = PackingCase.Eod, PadId = PackingCase.Pad, Tail = TailPolicy.Pad };
        var docs = new[] { 0, 3, 64, 200, 1, 65, 7, 40, 23, 90 }.Select(n => Enumerable.Range(0, n).Select(_ => (uint)random.Next(10, 1000)).ToArray()).ToArray();
        var c = new PackingCase(options, docs);
        var path = temp.File($"{strategy}-{layout}.ulds");
        File.WriteAllBytes(path, ShardTestData.Write(c, Pack(Strategies[strategy](options), docs)));

        using var json = JsonDocument.Parse(Run(path, "--json"));
        using var reader = ShardReader.Open(path);
        var header = json.RootElement.GetProperty("header");
        Assert.Equal(layout.ToWireName(), header.GetProperty("layout").GetString());
        Assert.Equal(64, header.GetProperty("seq_len").GetInt32());
        Assert.Equal(reader.Header.VocabSize, header.GetProperty("vocab_size").GetInt32());
        Assert.Equal(reader.Header.EodId, header.GetProperty("eod_id").GetUInt32());
        Assert.Equal(reader.Header.PadId, header.GetProperty("pad_id").GetUInt32());
        var records = json.RootElement.GetProperty("records");
        Assert.Equal(reader.RecordCount, records.GetArrayLength());
        Assert.True(reader.RecordCount > 3, "the case must give several records");
        foreach (var (record, i) in records.EnumerateArray().Select((r, i) => (r, i)))
        {
            var expected = reader.ReadRecord(i);
            Assert.Equal(i, record.GetProperty("record").GetInt32());
            Assert.Equal(expected.Tokens.ToArray(), record.GetProperty("tokens").EnumerateArray().Select(t => t.GetUInt32()).ToArray());
            Assert.Equal(expected.SegmentIds.ToArray(), record.GetProperty("segment_ids").EnumerateArray().Select(t => t.GetUInt32()).ToArray());
            Assert.Equal(expected.CuSeqlens.ToArray(), record.GetProperty("cu_seqlens").EnumerateArray().Select(t => t.GetInt32()).ToArray());
            Assert.Equal(
                expected.Segments.ToArray(),
                record.GetProperty("segments").EnumerateArray().Select(s => new Segment(s[0].GetUInt64(), s[1].GetUInt32(), s[2].GetUInt32())).ToArray());
            Assert.Equal(expected.IsPadded, record.GetProperty("padded").GetBoolean());
        }
    }

    [RequiresPythonReaderFact]
    public void The_python_reader_reads_the_hand_built_golden_shard_and_rejects_a_corrupt_one()
    {
        using var temp = new TempDirectory();
        var path = temp.File("golden.ulds");
        File.WriteAllBytes(path, GoldenShardTests.Bytes());
        var text = Run(path);
        Assert.Contains("segment 1: doc 2 offset 1 length 5 (continued)", text, StringComparison.Ordinal);

        var bytes = GoldenShardTests.Bytes();
        bytes[^40] ^= 0xFF; // inside the index
        File.WriteAllBytes(path, bytes);
        var (code, _, error) = PythonPackage.Run(["-m", "ultrallada_data.dump", path]);
        Assert.Equal(1, code);
        Assert.Contains("index hash does not match", error, StringComparison.Ordinal);
        Assert.Contains(path, error, StringComparison.Ordinal);
    }

    private static List<RecordCopy> Pack(IPacker packer, uint[][] docs)
    {
        var records = new List<RecordCopy>();
        for (var d = 0; d < docs.Length; d++)
        {
            packer.Add(d, docs[d]);
            Drain();
        }

        packer.Complete();
        Drain();
        return records;

        void Drain()
        {
            while (packer.TryTake(out var record))
            {
                records.Add(RecordCopy.Of(record));
                packer.Recycle(record);
            }
        }
    }

    private static string Run(params string[] args)
    {
        var (code, output, error) = PythonPackage.Run(["-m", "ultrallada_data.dump", .. args]);
        Assert.True(code == 0, $"python3 -m ultrallada_data.dump exited {code}: {error}");
        return output;
    }
}
