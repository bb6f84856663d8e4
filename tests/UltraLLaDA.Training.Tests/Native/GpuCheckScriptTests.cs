using System.Globalization;
using System.Text.RegularExpressions;
using UltraLLaDA.Data.Packing;
using UltraLLaDA.Training.Tests.Support;

namespace UltraLLaDA.Training.Tests.Native;

/// <summary>
/// tools/gpu-bundle/gpu-check.sh run for real with --device cpu, through the built CLI (not a self-contained
/// publish, which takes minutes) on tiny byte-packed adaptive records: doctor, 20 bf16 updates of `small` with
/// activation checkpointing, eval-ppl and the summary, so the script cannot rot unseen; plus its argument handling.
/// What it does not cover: the bundle's own app (make-bundle.sh) and a CUDA device.
/// </summary>
public partial class GpuCheckScriptTests
{
    private static string Script => Path.Combine(TestPaths.RepoRoot, "tools", "gpu-bundle", "gpu-check.sh");

    private static string Cli => $"dotnet {CliProcess.TrainDll}";

    [Fact]
    public async Task The_scripts_steps_run_on_the_CPU_doctor_20_bf16_updates_of_small_with_checkpointing_and_eval_ppl()
    {
        using var temp = new TempDirectory();
        await BytePacking.PackAsync(TestPaths.Pg19Mini, "train", temp.Path, 256, SequenceLayout.Adaptive);
        await BytePacking.PackAsync(TestPaths.Pg19Mini, "validation", temp.Path, 256, SequenceLayout.Adaptive);
        var run = temp.Combine("run");
        var result = CliProcess.Run("bash", $"\"{Script}\" --device cpu --cli \"{Cli}\" --data {temp.Combine("train")} --eval-data {temp.Combine("validation")} --out {run} --threads 1");
        Assert.True(result.Code == 0, result.Output);
        var output = result.Stdout;
        Assert.Contains("== gpu-check: doctor (--device cpu)", output, StringComparison.Ordinal);
        Assert.Contains("TorchSharp        0.107.0", output, StringComparison.Ordinal);
        Assert.Contains("train: model small", output, StringComparison.Ordinal);
        Assert.Contains("bf16 on cpu", output, StringComparison.Ordinal);
        Assert.Contains("step     20/20", output, StringComparison.Ordinal);
        Assert.Matches(@"step time: first [0-9.]+ s, then [0-9.]+ s per update", output);
        Assert.Matches(@"eval-ppl: 4 windows of 256 .* perplexity [0-9.]+", output);
        var losses = LossesLine().Match(output);
        Assert.True(losses.Success, output);
        var values = losses.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(20, values.Count);
        Assert.All(values, v => Assert.InRange(v, 0.01, 50));
        Assert.EndsWith("gpu-check: OK\n", output, StringComparison.Ordinal);
        Assert.Equal(20, File.ReadAllLines(Path.Combine(run, "metrics.jsonl")).Length);
        Assert.True(File.Exists(Path.Combine(run, "checkpoints", "latest")));
    }

    [Fact]
    public async Task The_paper_shape_runs_on_the_CPU_with_a_narrow_model_of_the_papers_vocabulary_and_length()
    {
        // The recipe's shape with llada-8b swapped for a 1-layer, d_model 8 model of LLaDA's 126,464-row vocabulary,
        // on 65,536-token adaptive records; one update instead of two, and d_model 8, keep the test to about a minute of CPU.
        using var temp = new TempDirectory();
        await BytePacking.PackAsync(TestPaths.Pg19Mini, "train", temp.Path, 65536, SequenceLayout.Adaptive);
        var model = temp.Combine("narrow.json");
        File.WriteAllText(model, """{"name": "narrow-paper", "layers": 1, "d_model": 8, "heads": 2, "mlp_hidden": 16, "vocab_size": 126464, "mask_id": 126336}""");
        var run = temp.Combine("run");
        var result = CliProcess.Run("bash", $"\"{Script}\" --shape paper --device cpu --cli \"{Cli}\" --model {model} --steps 1 --data {temp.Combine("train")} --eval-data {temp.Combine("train")} --out {run} --threads 1");
        Assert.True(result.Code == 0, result.Output);
        var output = result.Stdout;
        Assert.Contains("bf16 optimizer state, activation checkpointing", output, StringComparison.Ordinal);
        Assert.Contains("plan: model narrow-paper", output, StringComparison.Ordinal);
        Assert.Contains("batch 1 x seq-len 65536, activation checkpointing on", output, StringComparison.Ordinal);
        Assert.Contains("records of 65536", output, StringComparison.Ordinal);
        Assert.Matches(@"done: update 1, loss [0-9.]+, [0-9]+ tokens/s", output);
        Assert.Matches(@"peak memory: measured n/a .* GiB, plan [0-9.]+ GiB", output);
        Assert.DoesNotContain("eval-ppl", output, StringComparison.Ordinal);
        Assert.EndsWith("gpu-check: OK\n", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--shape huge", "--shape must be small or paper")]
    [InlineData("--bogus", "unknown option '--bogus'")]
    [InlineData("--steps", "--steps needs a value")]
    [InlineData("--steps 0", "--steps must be a positive integer")]
    [InlineData("--device tpu", "--device must be cpu, cuda or cuda:N")]
    [InlineData("--data /nonexistent", "--data /nonexistent: no such folder")]
    public void Bad_arguments_are_exit_2_naming_the_argument(string arguments, string message)
    {
        var result = CliProcess.Run("bash", $"\"{Script}\" --cli \"{Cli}\" {arguments}");
        Assert.True(result.Code == 2, result.Output);
        Assert.Contains("gpu-check.sh: " + message, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_the_options_and_cuda_on_this_CPU_only_build_stops_at_doctor_with_its_one_line()
    {
        var help = CliProcess.Run("bash", $"\"{Script}\" --help");
        Assert.Equal(0, help.Code);
        foreach (var option in new[] { "--device", "--libtorch", "--steps", "--data", "--eval-data", "--out", "--cli" })
            Assert.Contains(option, help.Stdout, StringComparison.Ordinal);

        using var temp = new TempDirectory();
        await BytePacking.PackAsync(TestPaths.Pg19Mini, "validation", temp.Path, 128, SequenceLayout.Adaptive);
        var shards = temp.Combine("validation");
        var cuda = CliProcess.Run("bash", $"\"{Script}\" --cli \"{Cli}\" --data {shards} --eval-data {shards} --out {temp.Combine("run")}");
        Assert.True(cuda.Code == 2, cuda.Output);
        Assert.Contains("error: --device cuda: this build's libtorch is CPU-only", cuda.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("== gpu-check: train", cuda.Stdout, StringComparison.Ordinal);

        var noCli = CliProcess.Run("bash", $"\"{Script}\" --cli /nonexistent/ultrallada-train --libtorch /tmp --data {shards} --eval-data {shards}");
        Assert.Equal(2, noCli.Code);
        Assert.Contains("cannot run '/nonexistent/ultrallada-train'", noCli.Stderr, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"losses of updates 1\.\.20: ([0-9.eE+\- ]+)\n")]
    private static partial Regex LossesLine();
}
