using System.Diagnostics;
using System.Text.Json;
using UltraLLaDA.Data.Formats.Megatron;
using UltraLLaDA.Data.Tests.Support;

namespace UltraLLaDA.Data.Tests.Formats.Megatron;

/// <summary>
/// megatron_builder.py reproduces Megatron's IndexedDatasetBuilder/_IndexWriter with numpy: our writer
/// must give its bytes exactly, and our reader must read what it writes, including documents of several
/// sequences and empty documents, which Megatron can write and this project does not.
/// </summary>
public class MegatronPythonWriterTests
{
    private static string Script => Path.Combine(TestPaths.RepoRoot, "tests", "UltraLLaDA.Data.Tests", "Formats", "Megatron", "megatron_builder.py");

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

    private static void RunBuilder(TempDirectory temp, string prefix, string dtype, IEnumerable<(uint[] Tokens, int[] Lengths)> documents)
    {
        var spec = temp.File(Path.GetFileName(prefix) + ".spec.json");
        File.WriteAllText(spec, JsonSerializer.Serialize(new
        {
            prefix,
            dtype,
            documents = documents.Select(d => new object[] { d.Tokens, d.Lengths }).ToArray(),
        }));
        var start = new ProcessStartInfo(RequiresPythonReaderFactAttribute.Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add(spec);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"megatron_builder.py exited {process.ExitCode}: {error}{output.Result}");
    }
}
