using UltraLLaDA.Data.Evaluation.LongBench;
using UltraLLaDA.Data.Tests.Cli;
using UltraLLaDA.Data.Tests.Support;

namespace UltraLLaDA.Data.Tests.Evaluation.LongBench;

public class MakeEvalLongBenchCommandTests
{
    [Fact]
    public void Make_eval_longbench_writes_a_set_says_what_it_cut_and_skipped_and_names_bad_flags()
    {
        using var temp = new TempDirectory();
        var (code, output, error) = CliProcess.Run("make-eval", "longbench", "--input", LongBenchTestSets.Folder, "--datasets", "en", "--max-length", "301", "--out", temp.Combine("lb"));
        Assert.True(code == 0, output + error);
        Assert.Contains("7 prompts, 3 datasets, at most 301 tokens", output, StringComparison.Ordinal);
        Assert.Contains("hotpotqa: 3 rows, 1 truncated", output, StringComparison.Ordinal);
        Assert.Contains("trec: 2 rows, 0 truncated", output, StringComparison.Ordinal);
        Assert.Contains($"skipped 13 (no DATASET.jsonl in {LongBenchTestSets.Folder}): narrativeqa, qasper, multifieldqa_en, 2wikimqa, musique, gov_report,", output, StringComparison.Ordinal);
        using (var set = LongBenchSet.Open(temp.Combine("lb")))
        {
            Assert.Equal(["hotpotqa", "trec", "lcc"], set.Index.Datasets.Select(d => d.Dataset));
            Assert.Equal("o200k_base", set.Index.Tokenizer.Spec);
        }

        (code, output, error) = CliProcess.Run("make-eval", "longbench", "--input", LongBenchTestSets.Folder, "--tokenizer", "bytes", "--max-rows", "1", "--out", temp.Combine("one"));
        Assert.True(code == 0, output + error);
        Assert.Contains("multifieldqa_zh: 1 rows of 2, 0 truncated", output, StringComparison.Ordinal);

        (code, _, error) = CliProcess.Run("make-eval", "longbench", "--input", LongBenchTestSets.Folder, "--datasets", "trec,foo", "--out", temp.Combine("x"));
        Assert.Equal(2, code);
        Assert.Contains("--datasets 'foo' is not one of LongBench's datasets (en, zh, all or a name: narrativeqa,", error, StringComparison.Ordinal);
        (code, _, error) = CliProcess.Run("make-eval", "longbench", "--input", LongBenchTestSets.Folder, "--datasets", "vcsum", "--out", temp.Combine("x"));
        Assert.Equal(2, code);
        Assert.Contains("--datasets vcsum: ", error, StringComparison.Ordinal);
        Assert.Contains("vcsum.jsonl not found", error, StringComparison.Ordinal);
        (code, _, error) = CliProcess.Run("make-eval", "longbench", "--input", LongBenchTestSets.Folder, "--max-length", "1", "--out", temp.Combine("x"));
        Assert.Equal(2, code);
        Assert.Contains("--max-length 1: must be at least 2", error, StringComparison.Ordinal);
        (code, _, error) = CliProcess.Run("make-eval", "longbench", "--input", LongBenchTestSets.Folder, "--out", temp.Combine("lb"));
        Assert.Equal(2, code);
        Assert.Contains("; pass --overwrite", error, StringComparison.Ordinal);
        (code, _, error) = CliProcess.Run("make-eval", "longbench", "--input", temp.Combine("nowhere"), "--out", temp.Combine("x"));
        Assert.Equal(2, code);
        Assert.Contains("no such folder", error, StringComparison.Ordinal);

        var bad = LongBenchTestSets.CopyWith(temp.Combine("bad"), "lcc", "{\"input\": \"\", \"context\": \"x = 1\\n\", \"length\": 3}");
        (code, _, error) = CliProcess.Run("make-eval", "longbench", "--input", bad, "--out", temp.Combine("x"));
        Assert.Equal(2, code);
        Assert.Contains(Path.Combine(bad, "lcc.jsonl") + ":1: field \"answers\" is missing", error, StringComparison.Ordinal);
    }
}
