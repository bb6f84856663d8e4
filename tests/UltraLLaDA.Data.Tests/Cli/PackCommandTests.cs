using UltraLLaDA.Data.Formats.Megatron;
using UltraLLaDA.Data.Formats.Ulds;
using UltraLLaDA.Data.Tests.Pipeline;
using UltraLLaDA.Data.Tests.Support;
using Xunit.Abstractions;
using UltraLLaDA.Data.Output;

namespace UltraLLaDA.Data.Tests.Cli;

/// <summary>The pack command as a user runs it: a separate process, real files, real signals.</summary>
[Collection("cli")]
public class PackCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _corpus;

    private readonly ITestOutputHelper _output;

    public PackCommandTests(ITestOutputHelper output)
    {
        _output = output;
        _corpus = CliTestCorpus.Write(_temp.Path, copies: 12);
    }

    public void Dispose() => _temp.Dispose();

    /// <summary>The pack command over the test corpus; <paramref name="extra"/> flags replace the defaults of the same name.</summary>
    private string[] Pack(string output, params string[] extra)
    {
        var flags = new List<(string Name, string? Value)>
        {
            ("--input", _corpus), ("--split", "train"), ("--layout", "eod"), ("--seq-len", "1024"), ("--records-per-shard", "8"), ("--out", output), ("--no-progress", null),
        };
        for (var i = 0; i < extra.Length; i++)
        {
            var value = i + 1 < extra.Length && !extra[i + 1].StartsWith("--", StringComparison.Ordinal) ? extra[++i] : null;
            var name = value is null ? extra[i] : extra[i - 1];
            flags.RemoveAll(f => f.Name == name);
            flags.Add((name, value));
        }

        return ["pack", .. flags.SelectMany(f => f.Value is null ? new[] { f.Name } : [f.Name, f.Value])];
    }

    /// <summary>
    /// The outputs the job-level tests run for: each format, and ULDS with the best-fit strategy (a window of 3
    /// documents, so the job crosses many window boundaries and a kill lands inside windows too).
    /// </summary>
    public static TheoryData<string> Formats => new() { "ulds", "megatron", "ulds+best-fit" };

    /// <summary>Flags that select <paramref name="output"/>; Megatron pairs of 2 documents, so the corpus gives as many files as ULDS does.</summary>
    private static string[] FormatFlags(string output) => output switch
    {
        "megatron" => ["--format", "megatron", "--records-per-shard", "2"],
        "ulds+best-fit" => ["--format", "ulds", "--pack", "best-fit", "--pack-window", "3"],
        _ => ["--format", output],
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void One_and_two_workers_give_identical_bytes(string format)
    {
        var one = Path.Combine(_temp.Path, "one");
        var two = Path.Combine(_temp.Path, "two");
        var first = CliProcess.Run(Pack(one, [.. FormatFlags(format), "--workers", "1"]));
        Assert.True(first.Code == 0, first.Error);
        var second = CliProcess.Run(Pack(two, [.. FormatFlags(format), "--workers", "2"]));
        Assert.True(second.Code == 0, second.Error);
        AssertSameFiles(Path.Combine(one, "train"), Path.Combine(two, "train"), ignoreManifestInput: false);
        Assert.Contains("EOD id 199999", first.Output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Killed_with_sigkill_at_random_points_then_resumed_gives_identical_bytes(string format)
    {
        const int Kills = 10;
        var reference = Path.Combine(_temp.Path, "reference");
        var run = CliProcess.Run(Pack(reference, FormatFlags(format)));
        Assert.True(run.Code == 0, run.Error);
        var shardCount = ManifestFile.Read(Path.Combine(reference, "train", "manifest.json")).Shards.Count;
        Assert.True(shardCount > 20, $"the corpus should give many shards, gave {shardCount}");

        var random = new Random(12345);
        var killedMidJob = 0;
        for (var attempt = 0; attempt < Kills; attempt++)
        {
            var output = Path.Combine(_temp.Path, $"killed-{attempt}");
            var target = random.Next(1, shardCount - 2);
            var manifest = Path.Combine(output, "train", "manifest.json");
            using (var process = CliProcess.Start(Pack(output, [.. FormatFlags(format), "--workers", "2"])))
            {
                // Kill as soon as the manifest lists `target` shards: a point chosen at random inside the job.
                while (!process.HasExited && CountShards(manifest) < target)
                    Thread.Sleep(2);
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }

            var partial = CountShards(manifest);
            if (partial < shardCount)
                killedMidJob++;
            AssertOnlyWholeShards(Path.Combine(output, "train"), format);

            var resumed = CliProcess.Run(Pack(output, [.. FormatFlags(format), "--resume", "--workers", "1"]));
            Assert.True(resumed.Code == 0, resumed.Error);
            AssertSameFiles(Path.Combine(reference, "train"), Path.Combine(output, "train"), ignoreManifestInput: true);
        }

        // Where a kill lands depends on timing: one after the job ended is counted, not failed. The
        // proof for every moment is the crash-state enumeration (Reliability/CrashStates); this test is
        // the real-signal check that the CLI behaves as the enumerated library does.
        _output.WriteLine($"{format}: {killedMidJob} of {Kills} kills landed before the job ended; all {Kills} resumed to identical bytes");
    }

    [Fact]
    public async Task Ctrl_c_exits_130_with_only_whole_shards_and_resume_completes_the_same_bytes()
    {
        var reference = Path.Combine(_temp.Path, "reference-int");
        Assert.Equal(0, CliProcess.Run(Pack(reference)).Code);
        var output = Path.Combine(_temp.Path, "interrupted");
        var manifest = Path.Combine(output, "train", "manifest.json");
        int code;
        string error;
        using (var process = CliProcess.Start(Pack(output, "--workers", "1")))
        {
            var stderr = process.StandardError.ReadToEndAsync();
            while (!process.HasExited && CountShards(manifest) < 3)
                Thread.Sleep(2);
            if (process.HasExited)
            {
                // Under heavy load the job can finish before the signal: counted, not failed (no timing in tests).
                _output.WriteLine("the job ended before it could be interrupted; only its completion is checked");
                await process.WaitForExitAsync();
                Assert.Equal(0, process.ExitCode);
                AssertSameFiles(Path.Combine(reference, "train"), Path.Combine(output, "train"), ignoreManifestInput: true);
                return;
            }

            using (var kill = System.Diagnostics.Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                kill.WaitForExit();
            await process.WaitForExitAsync();
            code = process.ExitCode;
            error = await stderr;
        }

        Assert.Equal(130, code);
        Assert.Contains("--resume", error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.Combine(output, "train"), "*.ulds.partial"));
        Assert.False(ManifestFile.Read(manifest).Complete);
        Assert.Equal(0, CliProcess.Run(Pack(output, "--resume")).Code);
        AssertSameFiles(Path.Combine(reference, "train"), Path.Combine(output, "train"), ignoreManifestInput: true);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Partitioned_runs_merge_into_the_documents_of_the_whole_split(string format)
    {
        var input = Path.Combine(_temp.Path, "jsonl");
        Directory.CreateDirectory(input);
        var lines = File.ReadAllLines(_corpus);
        for (var f = 0; f < 5; f++)
            File.WriteAllLines(Path.Combine(input, $"train-{f:D5}.jsonl"), lines.Skip(f * 11).Take(11));
        var whole = Path.Combine(_temp.Path, "whole");
        Assert.Equal(0, CliProcess.Run(Pack(whole, [.. FormatFlags(format), "--input", input])).Code);
        var parted = Path.Combine(_temp.Path, "parted");
        for (var part = 0; part < 3; part++)
        {
            var run = CliProcess.Run(Pack(parted, [.. FormatFlags(format), "--input", input, "--partition", $"{part}/3"]));
            Assert.True(run.Code == 0, run.Error);
        }

        var merged = CliProcess.Run("merge-manifests", Path.Combine(parted, "train"));
        Assert.True(merged.Code == 0, merged.Error);
        Assert.Equal(File.ReadAllLines(Path.Combine(whole, "train", "documents.jsonl")), File.ReadAllLines(Path.Combine(parted, "train", "documents.jsonl")));
        var a = ManifestFile.Read(Path.Combine(whole, "train", "manifest.json")).Totals!;
        var b = ManifestFile.Read(Path.Combine(parted, "train", "manifest.json")).Totals!;
        Assert.Equal(a.Documents, b.Documents);
        Assert.Equal(a.Tokens, b.Tokens);
        Assert.Equal(3, ManifestFile.Read(Path.Combine(parted, "train", "manifest.json")).Parts!.Count);
        var verified = CliProcess.Run("verify", Path.Combine(parted, "train"));
        Assert.True(verified.Code == 0, verified.Output + verified.Error);
        if (format == "megatron")
            AssertMegatronMergeHoldsTheWholeSplit(Path.Combine(whole, "train"), Path.Combine(parted, "train"));
    }

    /// <summary>
    /// The merged Megatron split holds the whole run's sequences (each part packs its own files' books)
    /// and carries the blend of every part's pairs, in the manifest and in megatron-data-path.txt.
    /// </summary>
    private static void AssertMegatronMergeHoldsTheWholeSplit(string whole, string parted)
    {
        static List<string> Sequences(string folder)
        {
            var all = new List<string>();
            foreach (var shard in ManifestFile.Read(Path.Combine(folder, "manifest.json")).Shards)
            {
                using var dataset = MegatronDataset.Open(Path.Combine(folder, MegatronShardFormat.PrefixOf(shard.File)));
                for (var i = 0; i < dataset.Count; i++)
                    all.Add(string.Join(',', dataset.Read(i)));
            }

            return all;
        }

        Assert.Equal(Sequences(whole).Order(StringComparer.Ordinal), Sequences(parted).Order(StringComparer.Ordinal));
        var merged = ManifestFile.Read(Path.Combine(parted, "manifest.json"));
        Assert.StartsWith("train-part000of003-00000_text_document.bin", merged.Shards[0].File, StringComparison.Ordinal);
        var expected = string.Join(' ', merged.Shards.Select(s => $"{s.Tokens} {MegatronShardFormat.PrefixOf(s.File)}"));
        Assert.Equal(expected, merged.DataPath);
        var words = File.ReadAllText(Path.Combine(parted, MegatronDataPath.FileName)).Split(' ', StringSplitOptions.TrimEntries);
        Assert.Equal(expected.Split(' '), words.Select((w, i) => i % 2 == 0 ? w : Path.GetFileName(w)));
        Assert.All(words.Where((_, i) => i % 2 == 1), w => Assert.True(Path.IsPathRooted(w), w));
    }

    [Fact]
    public void A_second_run_into_the_same_folder_is_refused_without_resume_or_overwrite()
    {
        var output = Path.Combine(_temp.Path, "twice");
        Assert.Equal(0, CliProcess.Run(Pack(output)).Code);
        var again = CliProcess.Run(Pack(output));
        Assert.Equal(2, again.Code);
        Assert.Contains("--resume", again.Error, StringComparison.Ordinal);
        // Moved here from the library's PackJobTests: the advice names flags, so the CLI gives it.
        Assert.Contains("--overwrite", again.Error, StringComparison.Ordinal);
        var resumed = CliProcess.Run(Pack(output, "--resume"));
        Assert.Equal(0, resumed.Code);
        Assert.Equal(0, CliProcess.Run(Pack(output, "--overwrite")).Code);
    }

    [Theory]
    [InlineData("--seq-len", "0", "--seq-len must be a positive number")]
    [InlineData("--seq-len", "-3", "--seq-len must be a positive number")]
    [InlineData("--layout", "sideways", "--layout must be adaptive, eod or direct")]
    [InlineData("--tail", "cut", "--tail must be pad, drop or keep")]
    [InlineData("--partition", "3/2", "--partition")]
    [InlineData("--tokenizer", "no-such-tokenizer.json", "no-such-tokenizer.json")]
    [InlineData("--input-format", "csv", "--input-format must be")]
    public void Bad_flags_give_one_clear_line_and_exit_code_2(string flag, string value, string message)
    {
        var result = CliProcess.Run(Pack(Path.Combine(_temp.Path, "bad"), flag, value));
        Assert.Equal(2, result.Code);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_temp.Path, "bad", "train")) && Directory.GetFiles(Path.Combine(_temp.Path, "bad", "train"), "*.ulds").Length > 0);
    }

    [Fact]
    public void Layout_eod_with_a_tokenizer_without_an_eod_names_the_flags()
    {
        using var tokenizer = new Tokenization.TinyTokenizerFolder(Tokenization.TinyTokenizerFolder.WithAddedTokens("<|pad|>"));
        var result = CliProcess.Run(Pack(Path.Combine(_temp.Path, "no-eod"), "--tokenizer", tokenizer.Path));
        Assert.Equal(2, result.Code);
        // Moved here from the library's PackerTests: naming the flag is the CLI's job.
        Assert.Contains("--eod-id", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--eod-token", "<nope>")]
    [InlineData("--eod-id", "99999999")]
    public void An_eod_the_tokenizer_lacks_names_the_flag_that_gave_it(string flag, string value)
    {
        // Moved here from the library's EodSelectionTests: the library says which setting, the CLI names the flag.
        var result = CliProcess.Run(Pack(Path.Combine(_temp.Path, "bad-eod"), flag, value));
        Assert.Equal(2, result.Code);
        Assert.Contains(flag, result.Error, StringComparison.Ordinal);
        Assert.Contains(value, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_explicit_eod_is_reported_with_its_flag()
    {
        // Moved here from the library's EodSelectionTests (which asserted "--eod-id 256" in the reason).
        var result = CliProcess.Run(Pack(Path.Combine(_temp.Path, "explicit-eod"), "--eod-id", "199999"));
        Assert.Equal(0, result.Code);
        Assert.Contains("--eod-id 199999 given explicitly", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_input_is_named()
    {
        var result = CliProcess.Run("pack", "--input", "/nowhere/pg19", "--layout", "adaptive", "--out", Path.Combine(_temp.Path, "x"));
        Assert.Equal(2, result.Code);
        Assert.Contains("/nowhere/pg19", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Jsonl_fields_besides_text_are_kept_in_the_documents_table()
    {
        var input = Path.Combine(_temp.Path, "meta.jsonl");
        File.WriteAllLines(input,
        [
            """{"text": "Call me Ishmael.", "title": "Moby-Dick", "id": 2701, "tags": ["sea", "whale"], "skipped": "null"}""",
            """{"text": null, "title": "lost"}""",
        ]);
        var output = Path.Combine(_temp.Path, "meta-out");
        var run = CliProcess.Run(Pack(output, "--input", input));
        Assert.True(run.Code == 0, run.Error);
        var lines = File.ReadAllLines(Path.Combine(output, "train", "documents.jsonl"));
        using var first = System.Text.Json.JsonDocument.Parse(lines[0]);
        var meta = first.RootElement.GetProperty("meta");
        Assert.Equal(2701, meta.GetProperty("id").GetInt32());
        Assert.Equal("whale", meta.GetProperty("tags")[1].GetString());
        Assert.Equal("null", meta.GetProperty("skipped").GetString());
        Assert.False(first.RootElement.TryGetProperty("skipped", out _));
        // A field of the corpus named "skipped" does not make the document count as skipped.
        var totals = ManifestFile.Read(Path.Combine(output, "train", "manifest.json")).Totals!;
        Assert.Equal(2, totals.Documents);
        Assert.Equal(1, totals.NullDocuments);
        Assert.Equal(1, totals.EmptyDocuments);
    }

    [Fact]
    public void A_pipeline_file_sets_the_flags_and_flags_override_it()
    {
        var output = Path.Combine(_temp.Path, "from-pipeline");
        var pipeline = Path.Combine(_temp.Path, "pipeline.json");
        File.WriteAllText(pipeline, $$"""
            // comments are allowed
            { "input": "{{_corpus}}", "split": "train", "layout": "direct", "seq_len": 2048, "out": "{{output}}", "records_per_shard": 64 }
            """);
        var result = CliProcess.Run("pack", "--pipeline", pipeline, "--seq-len", "4096", "--no-progress");
        Assert.True(result.Code == 0, result.Error);
        var manifest = ManifestFile.Read(Path.Combine(output, "train", "manifest.json"));
        Assert.Equal("direct", manifest.Config.Layout);
        Assert.Equal(4096, manifest.Config.SeqLen);
        Assert.Equal(64, manifest.Config.RecordsPerShard);
        Assert.Equal(1, manifest.Totals!.NullDocuments);
        Assert.Equal(2, manifest.Totals.EmptyDocuments);

        File.WriteAllText(pipeline, """{ "input": "x", "layuot": "eod" }""");
        var typo = CliProcess.Run("pack", "--pipeline", pipeline);
        Assert.Equal(2, typo.Code);
        Assert.Contains("layuot", typo.Error, StringComparison.Ordinal);
    }

    /// <summary>Every shard file under a final name reads whole (a ULDS shard; for Megatron, each .bin/.idx pair).</summary>
    private static void AssertOnlyWholeShards(string folder, string format)
    {
        if (format == "megatron")
        {
            foreach (var idx in Directory.GetFiles(folder, "*.idx"))
            {
                using var dataset = MegatronDataset.Open(idx[..^".idx".Length]);
                for (var i = 0; i < dataset.Count; i++)
                    dataset.Read(i);
            }

            // A .bin is renamed before its .idx: one without its .idx is the pair being finished, which resume rewrites.
            Assert.True(Directory.GetFiles(folder, "*.bin").Length - Directory.GetFiles(folder, "*.idx").Length is 0 or 1);
            return;
        }

        foreach (var shard in Directory.GetFiles(folder, "*.ulds"))
        {
            using var reader = ShardReader.Open(shard);
            for (var i = 0; i < reader.RecordCount; i++)
                reader.ReadRecord(i);
        }
    }

    private static int CountShards(string manifest)
    {
        try
        {
            return File.Exists(manifest) ? ManifestFile.Read(manifest).Shards.Count : 0;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return 0; // mid-rename
        }
    }

    private static void AssertSameFiles(string expectedFolder, string actualFolder, bool ignoreManifestInput)
    {
        var expected = PipelineTestCorpus.Snapshot(expectedFolder);
        var actual = PipelineTestCorpus.Snapshot(actualFolder);
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var name in expected.Keys)
        {
            if (ignoreManifestInput && name == "manifest.json")
            {
                var a = ManifestFile.Read(Path.Combine(expectedFolder, name)) with { Input = null };
                var b = ManifestFile.Read(Path.Combine(actualFolder, name)) with { Input = null };
                Assert.Equal(System.Text.Json.JsonSerializer.Serialize(a), System.Text.Json.JsonSerializer.Serialize(b));
                continue;
            }

            if (name == MegatronDataPath.FileName)
            {
                // The blend names each pair by its absolute prefix: the one file that depends on where the output went.
                var a = File.ReadAllText(Path.Combine(expectedFolder, name)).Replace(Path.GetFullPath(expectedFolder), "OUT", StringComparison.Ordinal);
                var b = File.ReadAllText(Path.Combine(actualFolder, name)).Replace(Path.GetFullPath(actualFolder), "OUT", StringComparison.Ordinal);
                Assert.Equal(a, b);
                continue;
            }

            Assert.True(expected[name].AsSpan().SequenceEqual(actual[name]), $"{name} differs");
        }
    }
}
