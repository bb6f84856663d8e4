using System.Text.Json;
using UltraLLaDA.Data.Formats.Megatron;
using UltraLLaDA.Data.Tests.Cli;
using UltraLLaDA.Data.Tests.Support;
using UltraLLaDA.Data.Output;

namespace UltraLLaDA.Data.Tests.Formats.Megatron;

/// <summary>pack --format megatron, inspect and verify as a user runs them, on samples/pg19-mini.</summary>
[Collection("cli")]
public sealed class MegatronCliTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string Sample => Path.Combine(TestPaths.RepoRoot, "samples", "pg19-mini");

    private (int Code, string Output, string Error) Pack(string output, params string[] extra) =>
        CliProcess.Run(["pack", "--input", Sample, "--format", "megatron", "--layout", "eod", "--records-per-shard", "1", "--out", output, "--no-progress", .. extra]);

    [Fact]
    public void Pack_writes_pairs_that_inspect_describes_and_verify_passes()
    {
        var output = _temp.Combine("out/x");
        output = Path.GetDirectoryName(output)!;
        var run = Pack(output, "--workers", "2");
        Assert.True(run.Code == 0, run.Error);

        var train = Path.Combine(output, "train");
        var manifest = ManifestFile.Read(Path.Combine(train, "manifest.json"));
        Assert.Equal(["train-00000_text_document.bin", "train-00001_text_document.bin"], manifest.Shards.Select(s => s.File));

        var inspect = CliProcess.Run("inspect", train, "--json");
        Assert.True(inspect.Code == 0, inspect.Error);
        using (var json = JsonDocument.Parse(inspect.Output))
        {
            var root = json.RootElement;
            Assert.Equal("megatron", root.GetProperty("format").GetString());
            Assert.Equal("int32", root.GetProperty("token_dtype").GetString()); // o200k_base: 200,019 ids
            Assert.Equal(manifest.Totals!.Records, root.GetProperty("sequences").GetInt64());
            Assert.Equal(manifest.Totals.Tokens, root.GetProperty("tokens").GetInt64());
            Assert.Equal(manifest.Totals.Records, root.GetProperty("eod_terminated").GetInt64());
            Assert.Equal(File.ReadAllText(Path.Combine(train, MegatronDataPath.FileName)).TrimEnd('\n'), root.GetProperty("data_path").GetString());
        }

        var text = CliProcess.Run("inspect", Path.Combine(train, "train-00001_text_document.idx"));
        Assert.True(text.Code == 0, text.Error);
        Assert.Contains("megatron pair train-00001_text_document", text.Output, StringComparison.Ordinal);

        var verify = CliProcess.Run("verify", output);
        Assert.True(verify.Code == 0, verify.Output + verify.Error);
        Assert.Contains("verify: OK: 3 manifest(s), 4 shard(s), 4 records", verify.Error, StringComparison.Ordinal);
        // Megatron pairs hold raw tokens: nothing was decompressed.
        Assert.Contains("MB/s of tokens read", verify.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("decompressed", verify.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_exits_1_naming_a_damaged_bin_and_inspect_refuses_it()
    {
        var output = _temp.Combine("damaged/x");
        output = Path.GetDirectoryName(output)!;
        Assert.Equal(0, Pack(output, "--split", "train").Code);
        var bin = Path.Combine(output, "train", "train-00001_text_document.bin");
        File.WriteAllBytes(bin, File.ReadAllBytes(bin)[..^4]);

        var verify = CliProcess.Run("verify", Path.Combine(output, "train"));
        Assert.Equal(1, verify.Code);
        Assert.Contains($"{bin}: is ", verify.Output, StringComparison.Ordinal);
        var inspect = CliProcess.Run("inspect", Path.Combine(output, "train"));
        Assert.Equal(1, inspect.Code);
        Assert.Contains(bin, inspect.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_and_mask_refuse_megatron_output_pointing_to_inspect_and_verify()
    {
        var output = _temp.Combine("shown/x");
        output = Path.GetDirectoryName(output)!;
        Assert.Equal(0, Pack(output, "--split", "test").Code);
        var folder = Path.Combine(output, "test");
        var show = CliProcess.Run("show", folder, "--record", "0");
        Assert.Equal(2, show.Code);
        Assert.Contains($"{folder}: Megatron .bin/.idx output holds one sequence per document", show.Error, StringComparison.Ordinal);
        var mask = CliProcess.Run("mask", folder, "--record", "0", "--png", _temp.Combine("m.png"));
        Assert.Equal(2, mask.Code);
        Assert.Contains("use inspect or verify", mask.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_format_is_refused_naming_the_known_ones()
    {
        var run = CliProcess.Run("pack", "--input", Sample, "--layout", "eod", "--format", "arrow", "--out", _temp.Combine("bad"));
        Assert.Equal(2, run.Code);
        Assert.Contains("'arrow'", run.Error, StringComparison.Ordinal);
        Assert.Contains("ulds, megatron", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_layout_without_eod_is_packed_with_a_note_that_megatron_needs_the_eod_for_document_masking()
    {
        var output = _temp.Combine("adaptive/x");
        output = Path.GetDirectoryName(output)!;
        var run = CliProcess.Run("pack", "--input", Sample, "--format", "megatron", "--layout", "adaptive", "--split", "test", "--out", output, "--no-progress");
        Assert.True(run.Code == 0, run.Error);
        Assert.Contains("writes no EOD", run.Output, StringComparison.Ordinal);
        using var dataset = MegatronDataset.Open(Path.Combine(output, "test", "test-00000_text_document"));
        Assert.NotEqual(199_999u, dataset.Read(0)[^1]);
    }
}
