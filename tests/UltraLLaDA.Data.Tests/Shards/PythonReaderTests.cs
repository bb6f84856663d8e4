using System.Diagnostics;
using System.Text.Json;
using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Formats.Ulds;
using UltraLLaDA.Data.Tests.Packing;
using UltraLLaDA.Data.Tests.Support;

namespace UltraLLaDA.Data.Tests.Shards;

/// <summary>samples/python/ulds_read.py, written from the spec alone, must read our shards and agree with our reader.</summary>
public class PythonReaderTests
{
    private static string Script => Path.Combine(TestPaths.RepoRoot, "samples", "python", "ulds_read.py");

    [RequiresPythonReaderFact]
    public void The_python_reader_sees_what_the_csharp_reader_sees()
    {
        using var temp = new TempDirectory();
        var random = new Random(7);
        foreach (var layout in Enum.GetValues<SequenceLayout>())
        {
            var options = new PackingOptions { SeqLen = 64, Layout = layout, EodId = PackingCase.Eod, PadId = PackingCase.Pad, Tail = TailPolicy.Pad };
            var docs = new[] { 0, 3, 64, 200, 1, 65, 7 }.Select(n => Enumerable.Range(0, n).Select(_ => (uint)random.Next(10, 1000)).ToArray()).ToArray();
            var c = new PackingCase(options, docs);
            var path = temp.File($"{layout}.ulds");
            File.WriteAllBytes(path, ShardTestData.Write(c, c.Pack()));

            using var json = JsonDocument.Parse(Run(path, "--json"));
            using var reader = ShardReader.Open(path);
            var header = json.RootElement.GetProperty("header");
            Assert.Equal(layout.ToWireName(), header.GetProperty("layout").GetString());
            Assert.Equal(64, header.GetProperty("seq_len").GetInt32());
            var records = json.RootElement.GetProperty("records");
            Assert.Equal(reader.RecordCount, records.GetArrayLength());
            foreach (var (record, i) in records.EnumerateArray().Select((r, i) => (r, i)))
            {
                var expected = reader.ReadRecord(i);
                Assert.Equal(expected.Tokens.ToArray(), record.GetProperty("tokens").EnumerateArray().Select(t => t.GetUInt32()).ToArray());
                Assert.Equal(expected.SegmentIds.ToArray(), record.GetProperty("segment_ids").EnumerateArray().Select(t => t.GetUInt32()).ToArray());
                Assert.Equal(expected.CuSeqlens.ToArray(), record.GetProperty("cu_seqlens").EnumerateArray().Select(t => t.GetInt32()).ToArray());
                Assert.Equal(
                    expected.Segments.ToArray(),
                    record.GetProperty("segments").EnumerateArray().Select(s => new Segment(s[0].GetUInt64(), s[1].GetUInt32(), s[2].GetUInt32())).ToArray());
                Assert.Equal(expected.IsPadded, record.GetProperty("padded").GetBoolean());
            }
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
        var (code, _, error) = Execute(path);
        Assert.Equal(1, code);
        Assert.Contains("index hash mismatch", error, StringComparison.Ordinal);
    }

    private static string Run(params string[] args)
    {
        var (code, output, error) = Execute(args);
        Assert.True(code == 0, $"ulds_read.py exited {code}: {error}");
        return output;
    }

    private static (int Code, string Output, string Error) Execute(params string[] args)
    {
        var start = new ProcessStartInfo(RequiresPythonReaderFactAttribute.Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Script);
        foreach (var a in args)
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error);
    }
}
