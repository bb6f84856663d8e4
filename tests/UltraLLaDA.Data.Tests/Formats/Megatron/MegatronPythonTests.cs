using System.Diagnostics;
using System.Text.Json;
using UltraLLaDA.Data.Formats.Megatron;
using UltraLLaDA.Data.Tests.Pipeline;
using UltraLLaDA.Data.Tests.Support;
using UltraLLaDA.Data.Output;

namespace UltraLLaDA.Data.Tests.Formats.Megatron;

/// <summary>
/// megatron_builder.py and megatron_reader.py reproduce Megatron's IndexedDatasetBuilder/_IndexWriter and
/// _IndexReader with numpy: our writer must give the builder's bytes exactly, Megatron's reader must read
/// our files, and our reader must read what the builder writes, including documents of several sequences
/// and empty documents, which Megatron can write and this project does not.
/// </summary>
public class MegatronPythonTests
{
    private static string Folder => Path.Combine(TestPaths.RepoRoot, "tests", "UltraLLaDA.Data.Tests", "Formats", "Megatron");

    private static string BuilderScript => Path.Combine(Folder, "megatron_builder.py");

    private static string ReaderScript => Path.Combine(Folder, "megatron_reader.py");

    [RequiresPythonReaderFact]
    public void Our_writer_gives_the_bytes_megatrons_builder_writes()
    {
        using var temp = new TempDirectory();
        foreach (var (dtype, maxId) in new[] { (MegatronDType.UInt16, 65_499u), (MegatronDType.Int32, 151_000u) })
        {
            var documents = MegatronTestData.Documents((int)dtype, maxId, 12, 1, 40_000, 3, 0, 700);
            var name = MegatronDTypes.NumpyName(dtype);
            RunBuilder(temp, temp.File($"py_{name}"), name, documents.Select(d => (d, new[] { d.Length })));
            var ours = MegatronTestData.Write(temp.File($"cs_{name}"), dtype, documents);

            Assert.Equal(File.ReadAllBytes(temp.File($"py_{name}.idx")), File.ReadAllBytes(ours.Index.Path));
            Assert.Equal(File.ReadAllBytes(temp.File($"py_{name}.bin")), File.ReadAllBytes(ours.Data.Path));
        }
    }

    [RequiresPythonReaderFact]
    public void Our_reader_reads_a_megatron_file_whose_documents_hold_several_sequences()
    {
        using var temp = new TempDirectory();
        var tokens = MegatronTestData.Documents(5, 30_000, 9, 4, 6);
        // Document 0: sequences of 2 and 7 tokens; document 1: empty (no sequence); document 2: 4; document 3: 1 + 5.
        var documents = new (uint[] Tokens, int[] Lengths)[]
        {
            (tokens[0], [2, 7]),
            ([], []),
            (tokens[1], [4]),
            (tokens[2], [1, 5]),
        };
        var prefix = temp.File("sentences");
        RunBuilder(temp, prefix, "uint16", documents);

        using var dataset = MegatronDataset.Open(prefix);
        Assert.Equal(5, dataset.Count);
        Assert.Equal(4, dataset.Index.DocumentCount);
        Assert.Equal([0L, 2, 2, 3, 5], dataset.Index.DocumentIndices);
        Assert.Equal([2, 7, 4, 1, 5], dataset.Index.SequenceLengths);
        Assert.Equal(tokens[0][2..], dataset.Read(1));
        Assert.Equal(tokens[1], dataset.Read(2));
        Assert.Equal(tokens[2][1..], dataset.Read(4));
    }

    [RequiresPythonReaderFact]
    public void Megatrons_reader_reads_our_files_back()
    {
        using var temp = new TempDirectory();
        foreach (var (dtype, maxId) in new[] { (MegatronDType.UInt16, 65_499u), (MegatronDType.Int32, 151_000u) })
        {
            var documents = MegatronTestData.Documents(17, maxId, 3, 1, 5_000, 2);
            var summary = MegatronTestData.Write(temp.File($"ours_{dtype}"), dtype, documents);

            using var json = JsonDocument.Parse(RunPython(ReaderScript, summary.Prefix));
            var root = json.RootElement;
            Assert.Equal(MegatronDTypes.NumpyName(dtype), root.GetProperty("dtype").GetString());
            Assert.Equal(documents.Length, root.GetProperty("sequence_count").GetInt32());
            Assert.Equal(documents.Length + 1, root.GetProperty("document_count").GetInt32());
            Assert.Equal(Enumerable.Range(0, documents.Length + 1).Select(i => (long)i), root.GetProperty("document_indices").EnumerateArray().Select(e => e.GetInt64()));
            var sequences = root.GetProperty("sequences").EnumerateArray().Select(s => s.EnumerateArray().Select(t => t.GetUInt32()).ToArray()).ToArray();
            Assert.Equal(documents, sequences);
        }
    }

    [RequiresPythonReaderFact]
    public async Task Megatrons_reader_reads_a_pack_jobs_pairs_as_our_reader_does()
    {
        using var temp = new TempDirectory();
        var corpus = new PipelineTestCorpus(40);
        var settings = corpus.Settings(temp.Path) with { Names = new OutputNames("train") { Format = MegatronShardFormat.Instance } };
        var result = await corpus.RunAsync(settings);
        Assert.NotEmpty(result.Manifest.Shards);
        foreach (var shard in result.Manifest.Shards)
        {
            var prefix = Path.Combine(temp.Path, MegatronShardFormat.PrefixOf(shard.File));
            using var json = JsonDocument.Parse(RunPython(ReaderScript, prefix));
            using var dataset = MegatronDataset.Open(prefix);
            var sequences = json.RootElement.GetProperty("sequences").EnumerateArray().Select(s => s.EnumerateArray().Select(t => t.GetUInt32()).ToArray()).ToArray();
            Assert.Equal(dataset.Count, sequences.Length);
            for (var i = 0; i < dataset.Count; i++)
                Assert.Equal(dataset.Read(i), sequences[i]);
        }
    }

    private static void RunBuilder(TempDirectory temp, string prefix, string dtype, IEnumerable<(uint[] Tokens, int[] Lengths)> documents)
    {
        var spec = temp.File(Path.GetFileName(prefix) + ".spec.json");
        File.WriteAllText(spec, JsonSerializer.Serialize(new
        {
            prefix,
            dtype,
            documents = documents.Select(d => new object[] { d.Tokens, d.Lengths }).ToArray(),
        }));
        RunPython(BuilderScript, spec);
    }

    private static string RunPython(string script, string argument)
    {
        var start = new ProcessStartInfo(RequiresPythonReaderFactAttribute.Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{Path.GetFileName(script)} exited {process.ExitCode}: {error}");
        return output.Result;
    }
}
