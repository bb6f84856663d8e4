using System.Diagnostics;
using System.Text.Json;
using UltraLLaDA.Data.Formats.Ulds;
using UltraLLaDA.Data.Tests.Cli;
using UltraLLaDA.Data.Tests.Pipeline;
using UltraLLaDA.Data.Tests.Support;
using UltraLLaDA.Data.Output;

namespace UltraLLaDA.Data.Tests.Reliability;

/// <summary>
/// Issue 7, item 2: a disk that fills up mid-job. `pack` writes into a small tmpfs; it must stop with
/// exit code 2 and one line naming the file, leave only whole shards under final names and a manifest
/// listing only those, and after the space is freed `--resume` must reach the bytes of an undisturbed run.
/// </summary>
[Collection("cli")]
public sealed class FullDiskTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly List<string> _mounts = [];

    public void Dispose()
    {
        foreach (var mount in _mounts)
            Run("umount", mount);
        _temp.Dispose();
    }

    [TmpfsFact]
    public void A_full_disk_stops_pack_with_one_line_and_only_whole_shards_and_resume_completes_the_same_bytes()
    {
        var corpus = Path.Combine(_temp.Path, "train.jsonl");
        var random = new Random(3);
        using (var writer = new StreamWriter(corpus) { NewLine = "\n" })
        {
            for (var d = 0; d < 120; d++)
                writer.WriteLine(JsonSerializer.Serialize(new { text = new string([.. Enumerable.Range(0, random.Next(1000, 40000)).Select(_ => "abcdefghij klmnop\n"[random.Next(18)])]) }));
        }

        string[] Pack(string output, params string[] extra) =>
            ["pack", "--input", corpus, "--split", "train", "--layout", "adaptive", "--tokenizer", "bytes", "--seq-len", "4096", "--records-per-shard", "16", "--workers", "2", "--out", output, "--no-progress", .. extra];

        var reference = Path.Combine(_temp.Path, "reference");
        var whole = CliProcess.Run(Pack(reference));
        Assert.True(whole.Code == 0, whole.Error);
        var expected = PipelineTestCorpus.Snapshot(Path.Combine(reference, "train"));
        var total = expected.Values.Sum(b => (long)b.Length);

        var midShard = 0;
        foreach (var fraction in new[] { 0.2, 0.45, 0.7, 0.9 })
        {
            var mount = Path.Combine(_temp.Path, $"disk-{fraction}");
            Directory.CreateDirectory(mount);
            var sizeKb = Math.Max(64, (long)(total * fraction) / 1024);
            Assert.Equal(0, Run("mount", "-t", "tmpfs", "-o", $"size={sizeKb}k", "tmpfs", mount));
            _mounts.Add(mount);
            var output = Path.Combine(mount, "out");
            var folder = Path.Combine(output, "train");

            var full = CliProcess.Run(Pack(output));
            Assert.True(full.Code == 2, $"{sizeKb} KB: exit {full.Code}\n{full.Output}\n{full.Error}");
            var lines = full.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(lines.Length == 1, full.Error);
            Assert.StartsWith("error: No space left on device", lines[0], StringComparison.Ordinal);
            Assert.Contains(folder, lines[0], StringComparison.Ordinal);
            if (lines[0].Contains(".ulds", StringComparison.Ordinal))
                midShard++;

            // Only whole shards under final names, no partial shard left, and the manifest lists only shards that verify.
            Assert.Empty(Directory.GetFiles(folder, "*.ulds.partial"));
            foreach (var shard in Directory.GetFiles(folder, "*.ulds"))
            {
                using var reader = ShardReader.Open(shard);
                for (var i = 0; i < reader.RecordCount; i++)
                    reader.ReadRecord(i);
            }

            var manifestPath = Path.Combine(folder, "manifest.json");
            if (File.Exists(manifestPath))
            {
                var manifest = ManifestFile.Read(manifestPath);
                Assert.False(manifest.Complete);
                foreach (var entry in manifest.Shards)
                    Assert.Equal(expected[entry.File], File.ReadAllBytes(Path.Combine(folder, entry.File)));
            }

            // Free the space and resume: the same bytes as the run that never ran out.
            Assert.Equal(0, Run("mount", "-o", "remount,size=256m", mount));
            var resumed = CliProcess.Run(Pack(output, "--resume"));
            Assert.True(resumed.Code == 0, resumed.Error);
            var actual = PipelineTestCorpus.Snapshot(folder);
            Assert.Equal(expected.Keys, actual.Keys);
            foreach (var name in expected.Keys.Where(n => n != "manifest.json"))
                Assert.True(expected[name].AsSpan().SequenceEqual(actual[name]), $"{sizeKb} KB: {name} differs after resume");
            Assert.Equal(
                JsonSerializer.Serialize(ManifestFile.Read(Path.Combine(reference, "train", "manifest.json")) with { Input = null }),
                JsonSerializer.Serialize(ManifestFile.Read(Path.Combine(folder, "manifest.json")) with { Input = null }));
        }

        Assert.True(midShard >= 1, "no run ran out of space while writing a shard");
    }

    internal static int Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args)
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }
}

/// <summary>A fact that needs to mount a small tmpfs (Linux, as root); elsewhere it shows as skipped.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TmpfsFactAttribute : FactAttribute
{
    private static readonly Lazy<bool> _canMount = new(() =>
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
            return false;
        var probe = Path.Combine(Path.GetTempPath(), "ulds-tmpfs-probe-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(probe);
        try
        {
            if (FullDiskTests.Run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", probe) != 0)
                return false;
            FullDiskTests.Run("umount", probe);
            return true;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
        finally
        {
            Directory.Delete(probe);
        }
    });

    public TmpfsFactAttribute()
    {
        if (!_canMount.Value)
            Skip = "needs to mount a tmpfs (Linux, root, mount permitted)";
    }
}
