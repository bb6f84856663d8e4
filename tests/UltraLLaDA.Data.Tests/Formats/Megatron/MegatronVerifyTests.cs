using System.Buffers.Binary;
using System.Security.Cryptography;
using UltraLLaDA.Data.Formats.Megatron;
using UltraLLaDA.Data.Inspection;
using UltraLLaDA.Data.Tests.Pipeline;
using UltraLLaDA.Data.Tests.Support;
using UltraLLaDA.Data.Output;

namespace UltraLLaDA.Data.Tests.Formats.Megatron;

/// <summary>verify on Megatron output: a whole split passes, and each kind of damage is named by its file.</summary>
public sealed class MegatronVerifyTests : IDisposable
{
    private readonly PipelineTestCorpus _corpus = new(60);
    private readonly TempDirectory _temp = new();
    private readonly string _split;

    public MegatronVerifyTests()
    {
        _split = _temp.Combine("out/train/x");
        _split = Path.GetDirectoryName(_split)!;
        var settings = _corpus.Settings(_split) with { Names = new OutputNames("train") { Format = MegatronShardFormat.Instance } };
        _corpus.RunAsync(settings).GetAwaiter().GetResult();
    }

    private string Pair(int index, string extension) => Path.Combine(_split, $"train-{index:D5}_text_document{extension}");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_whole_split_verifies_from_its_folder_its_manifest_and_the_output_folder()
    {
        var manifest = ManifestFile.Read(Path.Combine(_split, "manifest.json"));
        foreach (var path in new[] { _split, Path.Combine(_split, "manifest.json"), Path.GetDirectoryName(_split)! })
        {
            var report = ShardVerifier.Verify(path, new VerifyOptions { Threads = 2 });
            Assert.True(report.Ok, string.Join("\n", report.Problems));
            Assert.Equal(manifest.Shards.Count, report.Shards);
            Assert.Equal(manifest.Totals!.Records, report.Records);
            Assert.Equal(manifest.Totals.Tokens, report.Tokens);
        }
    }

    [Fact]
    public void One_pair_verifies_by_its_idx_or_bin_path()
    {
        foreach (var extension in new[] { ".idx", ".bin" })
        {
            var report = ShardVerifier.Verify(Pair(1, extension));
            Assert.True(report.Ok, string.Join("\n", report.Problems));
            Assert.Equal(1, report.Shards);
            Assert.Equal(3, report.Records);
        }
    }

    [Fact]
    public void A_lone_pair_has_every_token_read_so_a_negative_int32_token_is_named()
    {
        var prefix = _temp.File("lone_text_document");
        MegatronTestData.Write(prefix, MegatronDType.Int32, [[1, 2, 3], [4, 5]]);
        var bin = prefix + ".bin";
        var bytes = File.ReadAllBytes(bin);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(16), -5); // sequence 1, token 1
        File.WriteAllBytes(bin, bytes);

        var report = ShardVerifier.Verify(prefix + ".idx");
        var problem = Assert.Single(report.Problems);
        Assert.Equal(new VerificationProblem(bin, 1, "token 1 is -5, not a token id."), problem);
    }

    [Fact]
    public void A_changed_bin_byte_is_a_sha256_mismatch_naming_the_bin()
    {
        var bin = Pair(2, ".bin");
        var bytes = File.ReadAllBytes(bin);
        bytes[10] ^= 0x40;
        File.WriteAllBytes(bin, bytes);
        AssertProblem(bin, null, "sha256 is ");
    }

    [Fact]
    public void A_truncated_idx_is_named_with_the_size_and_the_index_problem()
    {
        var idx = Pair(0, ".idx");
        var bytes = File.ReadAllBytes(idx);
        File.WriteAllBytes(idx, bytes[..^8]);
        AssertProblem(idx, null, $"is {bytes.Length - 8} bytes; the manifest lists {bytes.Length}");
        AssertProblem(idx, null, "document-index entries need");
    }

    [Fact]
    public void A_missing_pair_file_is_named()
    {
        File.Delete(Pair(3, ".idx"));
        AssertProblem(Pair(3, ".idx"), null, "missing: the manifest lists it");
    }

    [Fact]
    public void A_sequence_whose_length_disagrees_with_the_documents_table_is_named_with_its_document()
    {
        var table = Path.Combine(_split, "documents.jsonl");
        var lines = File.ReadAllLines(table);
        // The first non-empty document: a line without "skipped".
        var first = Array.FindIndex(lines, l => !l.Contains("\"skipped\"", StringComparison.Ordinal));
        var tokens = (long)System.Text.Json.JsonDocument.Parse(lines[first]).RootElement.GetProperty("tokens").GetInt64();
        lines[first] = lines[first].Replace($"\"tokens\":{tokens}", $"\"tokens\":{tokens + 1}", StringComparison.Ordinal);
        File.WriteAllLines(table, lines);
        AssertProblem(Pair(0, ".bin"), 0, $"is {tokens} tokens; it holds document {first} (Title {first}), whose stream is {tokens + 1} tokens");
    }

    [Fact]
    public void A_document_missing_from_the_table_is_found()
    {
        var table = Path.Combine(_split, "documents.jsonl");
        var lines = File.ReadAllLines(table).ToList();
        lines.RemoveAt(lines.Count - 1);
        File.WriteAllLines(table, lines);
        var report = ShardVerifier.Verify(_split);
        Assert.Contains(report.Problems, p => p.File == table && p.Message.Contains("non-empty documents, but the pairs of manifest.json hold", StringComparison.Ordinal));
        // The totals are checked by verify's shared totals checker, in its words.
        Assert.Contains(report.Problems, p => p.Message.StartsWith("totals say ", StringComparison.Ordinal) && p.Message.Contains("documents.jsonl lists", StringComparison.Ordinal));
    }

    [Fact]
    public void A_token_outside_the_vocabulary_or_a_missing_eod_is_found_even_when_the_manifest_agrees_with_the_file()
    {
        var bin = Pair(1, ".bin");
        var bytes = File.ReadAllBytes(bin);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(4), 300); // vocab_size is 259
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(bytes.Length - 2), 7); // the last sequence's EOD
        File.WriteAllBytes(bin, bytes);
        Relist(bin);

        AssertProblem(bin, 0, "token 2 is id 300, not below vocab_size 259");
        AssertProblem(bin, 2, "ends with 7, not the EOD id 1");
    }

    [Fact]
    public void A_missing_or_stale_blend_file_is_found()
    {
        var blend = Path.Combine(_split, MegatronDataPath.FileName);
        File.WriteAllText(blend, "1 /elsewhere/train-00000_text_document\n");
        AssertProblem(blend, null, "does not hold the blend of the");
        File.Delete(blend);
        AssertProblem(blend, null, "missing: a complete Megatron split carries its --data-path blend");
    }

    [Fact]
    public void Inspect_and_verify_find_megatron_targets_through_the_one_resolver()
    {
        var split = Assert.Single(InspectionTargets.ResolveMegatron(_split)!);
        Assert.True(split.IsMegatron);
        Assert.Equal(Path.Combine(_split, "manifest.json"), split.ManifestPath);
        Assert.Equal(split.ManifestPath, Assert.Single(InspectionTargets.Resolve(Path.GetDirectoryName(_split)!)).ManifestPath);

        var pair = Assert.Single(InspectionTargets.ResolveMegatron(Pair(1, ".idx"))!);
        Assert.True(pair.IsSingleShard);
        Assert.Equal([Pair(1, ".idx")], pair.Shards);

        Assert.Null(InspectionTargets.ResolveMegatron(_temp.Combine("nothing-here")));
    }

    [Fact]
    public void The_shared_manifest_and_totals_checkers_run_on_megatron_manifests()
    {
        var path = Path.Combine(_split, "manifest.json");
        var manifest = ManifestFile.Read(path);
        ManifestFile.Write(path, manifest with { Totals = manifest.Totals! with { Records = manifest.Totals.Records + 1, PaddingTokens = 5 } });
        AssertProblem(path, null, $"totals say {manifest.Totals.Records + 1} records, the shards it lists hold {manifest.Totals.Records}");
        AssertProblem(path, null, "totals say 5 padding tokens, the shards hold 0");

        ManifestFile.Write(path, manifest with { Complete = false });
        AssertProblem(path, null, "says the job has not finished (complete: false)");
    }

    /// <summary>Rewrites the manifest so it lists <paramref name="file"/>'s current size and sha256 (so the checks behind them run).</summary>
    private void Relist(string file)
    {
        var path = Path.Combine(_split, "manifest.json");
        var manifest = ManifestFile.Read(path);
        var bytes = File.ReadAllBytes(file);
        var name = Path.GetFileName(file);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        manifest = manifest with
        {
            Shards = manifest.Shards.Select(s => s.File == name ? s with { Bytes = bytes.Length, Sha256 = sha } : s).ToArray(),
        };
        ManifestFile.Write(path, manifest);
    }

    private void AssertProblem(string file, long? sequence, string message)
    {
        var report = ShardVerifier.Verify(_split);
        Assert.False(report.Ok);
        Assert.True(
            report.Problems.Any(p => p.File == file && p.Record == sequence && p.Message.Contains(message, StringComparison.Ordinal)),
            $"expected a problem in {file} (sequence {sequence?.ToString() ?? "none"}) containing '{message}'; got:\n{string.Join("\n", report.Problems)}");
    }
}
