using System.Text.RegularExpressions;
using UltraLLaDA.Data.Tests.Support;

namespace UltraLLaDA.Data.Tests.Cli;

/// <summary>What pack prints around a job (issue 19, item 4): the input layout it read, and no progress lines with --no-progress.</summary>
[Collection("cli")]
public sealed partial class PackSummaryTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>A per-split progress line: "train: 2/2 docs, 0.1M tokens, ...".</summary>
    [GeneratedRegex(@"^\w+: [\d,]+(/[\d,]+)? docs, ", RegexOptions.Multiline)]
    private static partial Regex ProgressLine();

    private static string Sample => Path.Combine(TestPaths.RepoRoot, "samples", "pg19-mini");

    private (int Code, string Output, string Error) Pack(string input, params string[] extra) =>
        CliProcess.Run(["pack", "--input", input, "--split", "train", "--layout", "adaptive", "--seq-len", "4096", "--out", _temp.Combine("out"), "--overwrite", .. extra]);

    [Fact]
    public void No_progress_prints_no_per_split_progress_lines_but_still_the_summary()
    {
        var quiet = Pack(Sample, "--no-progress");
        Assert.True(quiet.Code == 0, quiet.Error);
        Assert.DoesNotMatch(ProgressLine(), quiet.Output);
        Assert.Contains("packed into 4,096-token records", quiet.Output, StringComparison.Ordinal);

        // Without the flag, output to a pipe gets plain lines: at least the one at the end of each split.
        var plain = Pack(Sample);
        Assert.True(plain.Code == 0, plain.Error);
        Assert.Matches(ProgressLine(), plain.Output);
    }

    [Fact]
    public void The_summary_names_the_input_layout_it_read()
    {
        var pg19 = Pack(Sample, "--no-progress");
        Assert.True(pg19.Code == 0, pg19.Error);
        Assert.Contains("train: read PG-19 txt input;", pg19.Output, StringComparison.Ordinal);

        var jsonl = Pack(CliTestCorpus.Write(_temp.Path, copies: 1), "--no-progress");
        Assert.True(jsonl.Code == 0, jsonl.Error);
        Assert.Contains("train: read JSONL input;", jsonl.Output, StringComparison.Ordinal);
    }
}
