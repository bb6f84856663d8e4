using UltraLLaDA.Data.Tests.Cli;
using UltraLLaDA.Data.Tests.Support;
using UltraLLaDA.Data.Tests.Tokenization;

namespace UltraLLaDA.Data.Tests.Reliability;

/// <summary>
/// Issue 11, item 8, as a user meets it: `pack` with a tokenizer.json whose split pattern backtracks catastrophically
/// on one document ends in exit 2 and one error line naming the document and the tokenizer file, and leaves no shard.
/// </summary>
[Collection("cli")]
public sealed class CatastrophicPatternPackTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Pack_refuses_with_exit_2_naming_the_document_and_the_tokenizer_file()
    {
        using var tokenizer = new TinyTokenizerFolder(CatastrophicPatternTests.WithSplitPattern(CatastrophicPatternTests.Catastrophic));
        var text = System.Text.Json.JsonSerializer.Serialize(CatastrophicPatternTests.Trigger);
        var input = _temp.Write("train.jsonl", $"{{\"text\": \"a fine first document\"}}\n{{\"text\": {text}}}\n");
        var output = _temp.Combine("out");

        // CliProcess gives up (and fails the test) after 3 minutes; the pattern's limit is 5 s a match.
        var (code, stdout, stderr) = CliProcess.Run(
            "pack", "--input", input, "--split", "train", "--layout", "adaptive", "--tokenizer", tokenizer.TokenizerJson,
            "--seq-len", "64", "--out", output, "--no-progress");

        Assert.True(code == 2, $"exit {code}\nstdout: {stdout}\nstderr: {stderr}");
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, "stderr should be one line:\n" + stderr);
        Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
        Assert.True(lines[0].Contains($"{tokenizer.TokenizerJson}: pre_tokenizer Split: the split pattern", StringComparison.Ordinal), lines[0]);
        // The document on the file's second line: line 2, as an editor counts, not the 0-based row the table stores.
        Assert.Contains("train.jsonl:2 (document 1): ", lines[0], StringComparison.Ordinal);
        Assert.Contains("backtracks catastrophically", lines[0], StringComparison.Ordinal);
        if (Directory.Exists(output))
            Assert.Empty(Directory.GetFiles(output, "*.ulds*", SearchOption.AllDirectories));
    }
}
