using System.Text.Json;
using UltraLLaDA.Data.Packing;
using UltraLLaDA.Training.Tests.Support;

namespace UltraLLaDA.Training.Tests.Native;

/// <summary><c>ultrallada-train doctor</c>, --device cuda on this CPU-only build, and ULTRALLADA_LIBTORCH refusals, in child processes.</summary>
public class DoctorCliTests
{
    [Fact]
    public void Doctor_reports_TorchSharp_libtorch_where_it_was_loaded_from_CUDA_bf16_and_threads()
    {
        var result = CliProcess.Train("doctor --json --threads 1");
        Assert.True(result.Code == 0, result.Output);
        using var json = JsonDocument.Parse(result.Stdout);
        var r = json.RootElement;
        Assert.Equal("0.107.0", r.GetProperty("torchsharp_version").GetString());
        Assert.Equal("cpu", r.GetProperty("build_backend").GetString());
        Assert.Equal("build", r.GetProperty("libtorch_source").GetString());
        Assert.Equal("2.10.0", r.GetProperty("libtorch_version").GetString());
        var directory = r.GetProperty("libtorch_directory").GetString()!;
        Assert.True(File.Exists(Path.Combine(directory, "libtorch_cpu.so")), directory);
        Assert.StartsWith(AppContext.BaseDirectory, directory, StringComparison.Ordinal);
        var libraries = r.GetProperty("loaded_libraries").EnumerateArray().Select(e => Path.GetFileName(e.GetString()!)).ToList();
        Assert.Contains("libLibTorchSharp.so", libraries);
        Assert.Contains("libtorch_cpu.so", libraries);
        Assert.Contains("libc10.so", libraries);
        Assert.Equal("cpu", r.GetProperty("backend").GetString());
        Assert.False(r.GetProperty("cuda_available").GetBoolean());
        Assert.Equal(0, r.GetProperty("cuda_device_count").GetInt32());
        Assert.True(r.GetProperty("bf16_cpu").GetBoolean());
        Assert.Equal(JsonValueKind.Null, r.GetProperty("bf16_cuda").ValueKind);
        Assert.Equal(1, r.GetProperty("torch_threads").GetInt32());
        Assert.Equal(Environment.ProcessorCount, r.GetProperty("processor_count").GetInt32());

        var text = CliProcess.Train("doctor");
        Assert.True(text.Code == 0, text.Output);
        Assert.Contains("TorchSharp        0.107.0", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("libLibTorchSharp.so", text.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Device_cuda_on_this_CPU_only_build_is_exit_2_with_one_line_saying_how_to_get_CUDA_for_every_command_that_takes_it()
    {
        using var temp = new TempDirectory();
        await BytePacking.PackAsync(TestPaths.Pg19Mini, "validation", temp.Path, 128, SequenceLayout.Adaptive);
        var shards = temp.Combine("validation");
        var commands = new[]
        {
            "doctor --device cuda",
            $"train --data {shards} --out {temp.Combine("run")} --model tiny --steps 1 --device cuda",
            $"eval-ppl --data {shards} --model tiny --weights {temp.Combine("none.safetensors")} --device cuda",
            $"train --data {shards} --out {temp.Combine("run1")} --model tiny --steps 1 --device cuda:1",
        };
        foreach (var command in commands)
        {
            var result = CliProcess.Train(command);
            Assert.True(result.Code == 2, $"{command}: {result.Output}");
            var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("error: --device cuda", line, StringComparison.Ordinal);
            Assert.Contains("CPU-only", line, StringComparison.Ordinal);
            Assert.Contains("-p:TorchBackend=cuda", line, StringComparison.Ordinal);
            Assert.Contains("ULTRALLADA_LIBTORCH", line, StringComparison.Ordinal);
        }

        Assert.False(Directory.Exists(temp.Combine("run")), "a refused device must not leave a run folder");
    }

    [Fact]
    public void A_libtorch_of_another_version_in_ULTRALLADA_LIBTORCH_is_refused_with_exit_2_before_anything_is_loaded()
    {
        using var temp = new TempDirectory();
        var lib = LibTorchFolderTests.FakePyTorch(temp.Path, "2.9.1+cu128");
        foreach (var command in new[] { "doctor", "train --data x --out y", "rope" })
        {
            var result = CliProcess.Train(command, new Dictionary<string, string> { ["ULTRALLADA_LIBTORCH"] = lib });
            Assert.True(result.Code == 2, $"{command}: {result.Output}");
            var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains($"ULTRALLADA_LIBTORCH={lib}: that is libtorch 2.9.1+cu128", line, StringComparison.Ordinal);
            Assert.Contains("needs 2.10.x", line, StringComparison.Ordinal);
            Assert.Equal(string.Empty, result.Stdout);
        }

        // The right version on this build, which carries its own libtorch: refused too (two libtorch copies crash).
        var right = LibTorchFolderTests.FakePyTorch(temp.Combine("right"), "2.10.0+cu128");
        var twice = CliProcess.Train("doctor", new Dictionary<string, string> { ["ULTRALLADA_LIBTORCH"] = right });
        Assert.Equal(2, twice.Code);
        Assert.Contains("carries its own libtorch", twice.Stderr, StringComparison.Ordinal);
    }
}
