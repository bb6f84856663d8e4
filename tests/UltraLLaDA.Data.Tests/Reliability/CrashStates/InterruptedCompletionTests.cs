using System.Text.Json.Nodes;
using UltraLLaDA.Data.Formats.Megatron;
using UltraLLaDA.Data.Output;
using UltraLLaDA.Data.Tests.Pipeline;
using UltraLLaDA.Data.Tests.Support;

namespace UltraLLaDA.Data.Tests.Reliability.CrashStates;

/// <summary>
/// Issue 20's deterministic state: a kill between the documents table's rename and the final manifest
/// leaves a finished table beside a manifest not marked complete. The resume must keep the table.
/// </summary>
public class InterruptedCompletionTests
{
    private readonly PipelineTestCorpus _corpus = new(40, seed: 11);

    [Theory]
    [InlineData("ulds")]
    [InlineData("megatron")]
    public async Task A_kill_between_the_table_rename_and_the_final_manifest_resumes_to_identical_bytes(string format)
    {
        using var temp = new TempDirectory();
        var settings = _corpus.Settings(temp.Path, workers: 1);
        if (format == "megatron")
            settings = settings with { Names = new OutputNames("train") { Format = MegatronShardFormat.Instance } };
        var whole = await _corpus.RunAsync(settings);
        var expected = PipelineTestCorpus.Snapshot(temp.Path);

        // The state the kill leaves: the table under its final name, the manifest not complete, no totals.
        var manifestPath = Path.Combine(temp.Path, "manifest.json");
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!.AsObject();
        manifest["complete"] = false;
        manifest["totals"] = null;
        File.WriteAllText(manifestPath, manifest.ToJsonString());

        var resumed = await _corpus.RunAsync(settings with { Resume = true });

        Assert.False(resumed.AlreadyComplete);
        Assert.Equal(whole.Manifest.Totals, resumed.Manifest.Totals);
        Assert.True(resumed.Manifest.Totals!.Documents == _corpus.Documents.Length);
        var got = PipelineTestCorpus.Snapshot(temp.Path);
        Assert.Equal(expected.Keys, got.Keys);
        foreach (var (name, bytes) in expected)
            Assert.True(bytes.AsSpan().SequenceEqual(got[name]), $"{name} differs after the resume");
    }
}
