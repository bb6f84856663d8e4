using System.Diagnostics;
using UltraLLaDA.Data.Tests.Support;

namespace UltraLLaDA.Data.Tests.Reliability;

/// <summary>An input the user may not read is one clear line naming it, exit code 2, and no shard.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class UnreadableInputTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public UnreadableInputTests() => File.SetUnixFileMode(_temp.Path, (UnixFileMode)0b111_111_111);

    public void Dispose() => _temp.Dispose();

    [AsNobodyFact]
    public async Task An_unreadable_jsonl_file_is_named()
    {
        var input = _temp.Write("train.jsonl", "{\"text\": \"hello\"}\n");
        File.SetUnixFileMode(input, UnixFileMode.None);
        await AssertRefusedAsync(input, input);
    }

    [AsNobodyFact]
    public async Task An_unreadable_book_in_a_pg19_folder_is_named()
    {
        var book = _temp.Write("pg19/train/7.txt", "A book nobody may read.");
        _temp.Write("pg19/metadata.csv", "7,Seven,1900,http://www.gutenberg.org/ebooks/7\n");
        foreach (var folder in new[] { "pg19", "pg19/train" })
            File.SetUnixFileMode(Path.Combine(_temp.Path, folder), (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(book, UnixFileMode.None);
        await AssertRefusedAsync(Path.Combine(_temp.Path, "pg19"), book);
    }

    private async Task AssertRefusedAsync(string input, string named)
    {
        var output = Path.Combine(_temp.Path, "out");
        var start = new ProcessStartInfo("setpriv") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["--reuid=" + AsNobodyFactAttribute.Nobody, "--regid=" + AsNobodyFactAttribute.Nobody, "--clear-groups",
            "env", $"HOME={_temp.Path}", $"DOTNET_CLI_HOME={_temp.Path}", "dotnet", Path.Combine(AppContext.BaseDirectory, "ultrallada-data.dll"),
            "pack", "--input", input, "--split", "train", "--layout", "adaptive", "--out", output, "--no-progress"])
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await stdout;

        Assert.True(process.ExitCode == 2, $"exit {process.ExitCode}: {stderr}");
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var error = Assert.Single(lines);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Contains(named, error, StringComparison.Ordinal);
        Assert.Contains("denied", error, StringComparison.Ordinal);
        Assert.Empty(Directory.Exists(output) ? Directory.GetFiles(output, "*.ulds", SearchOption.AllDirectories) : []);
    }
}
