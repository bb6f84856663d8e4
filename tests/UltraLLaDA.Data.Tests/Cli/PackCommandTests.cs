using UltraLLaDA.Data.Pipeline;
using UltraLLaDA.Data.Formats.Ulds;
using UltraLLaDA.Data.Tests.Pipeline;
using UltraLLaDA.Data.Tests.Support;

namespace UltraLLaDA.Data.Tests.Cli;

/// <summary>The pack command as a user runs it: a separate process, real files, real signals.</summary>
[Collection("cli")]
public class PackCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _corpus;

    public PackCommandTests() => _corpus = CliTestCorpus.Write(_temp.Path, copies: 12);

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

    [Fact]
    public void One_and_two_workers_give_identical_bytes()
    {
        var one = Path.Combine(_temp.Path, "one");
        var two = Path.Combine(_temp.Path, "two");
        var first = CliProcess.Run(Pack(one, "--workers", "1"));
        Assert.True(first.Code == 0, first.Error);
        var second = CliProcess.Run(Pack(two, "--workers", "2"));
        Assert.True(second.Code == 0, second.Error);
        AssertSameFiles(Path.Combine(one, "train"), Path.Combine(two, "train"), ignoreManifestInput: false);
        Assert.Contains("EOD id 199999", first.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Killed_with_sigkill_at_random_points_then_resumed_gives_identical_bytes()
    {
        const int Kills = 10;
        var reference = Path.Combine(_temp.Path, "reference");
        var run = CliProcess.Run(Pack(reference));
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
            using (var process = CliProcess.Start(Pack(output, "--workers", "2")))
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
            foreach (var shard in Directory.GetFiles(Path.Combine(output, "train"), "*.ulds"))
            {
                // Every file under a final name is a whole shard.
                using var reader = ShardReader.Open(shard);
                for (var i = 0; i < reader.RecordCount; i++)
                    reader.ReadRecord(i);
            }

            var resumed = CliProcess.Run(Pack(output, "--resume", "--workers", "1"));
            Assert.True(resumed.Code == 0, resumed.Error);
            AssertSameFiles(Path.Combine(reference, "train"), Path.Combine(output, "train"), ignoreManifestInput: true);
        }

        Assert.True(killedMidJob >= Kills - 2, $"only {killedMidJob} of {Kills} kills landed before the job ended");
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
            Assert.False(process.HasExited, "the job ended before it could be interrupted");
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

    [Fact]
    public void Partitioned_runs_merge_into_the_documents_of_the_whole_split()
    {
        var input = Path.Combine(_temp.Path, "jsonl");
        Directory.CreateDirectory(input);
        var lines = File.ReadAllLines(_corpus);
        for (var f = 0; f < 5; f++)
            File.WriteAllLines(Path.Combine(input, $"train-{f:D5}.jsonl"), lines.Skip(f * 11).Take(11));
        var whole = Path.Combine(_temp.Path, "whole");
        Assert.Equal(0, CliProcess.Run(Pack(whole, "--input", input)).Code);
        var parted = Path.Combine(_temp.Path, "parted");
        for (var part = 0; part < 3; part++)
        {
            var run = CliProcess.Run(Pack(parted, "--input", input, "--partition", $"{part}/3"));
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

            Assert.True(expected[name].AsSpan().SequenceEqual(actual[name]), $"{name} differs");
        }
    }
}
