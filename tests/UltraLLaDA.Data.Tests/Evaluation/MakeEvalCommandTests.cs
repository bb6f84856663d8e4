using System.Text.Json;
using UltraLLaDA.Data.Evaluation;
using UltraLLaDA.Data.Tests.Cli;
using UltraLLaDA.Data.Tests.Support;

namespace UltraLLaDA.Data.Tests.Evaluation;

public class MakeEvalCommandTests
{
    [Fact]
    public void Make_eval_writes_both_sets_from_the_command_line()
    {
        using var temp = new TempDirectory();
        var (code, output, error) = CliProcess.Run("make-eval", "ppl", "--input", EvalTestTokenizers.MiniCorpus, "--split", "train", "--tokenizer", "bytes", "--lengths", "1K,2K", "--out", temp.Combine("ppl"));
        Assert.True(code == 0, output + error);
        using (var index = JsonDocument.Parse(File.ReadAllText(Path.Combine(temp.Combine("ppl"), PplSetIndex.FileName))))
            Assert.Equal(2048, index.RootElement.GetProperty("windows")[1].GetProperty("length").GetInt32());

        (code, output, error) = CliProcess.Run("make-eval", "niah", "--input", EvalTestTokenizers.MiniCorpus, "--split", "validation", "--lengths", "512,1024", "--depths", "0,50,100", "--seed", "5", "--needles", "2", "--out", temp.Combine("niah"));
        Assert.True(code == 0, output + error);
        Assert.Contains("6 prompts", output, StringComparison.Ordinal);
        using var set = NiahSet.Open(temp.Combine("niah"));
        Assert.Equal(6, set.Records.Count);
        Assert.Equal("o200k_base", set.Index.Tokenizer.Spec);
    }

    [Theory]
    [InlineData("--lengths 4096,1000000", "--lengths 1000000 is longer than the corpus")]
    [InlineData("--depths 0,50,150", "--depths: 150 is outside 0–100")]
    [InlineData("--needle-template NoSlotHere", "has no {value} slot")]
    [InlineData("--lengths 4K,x", "--lengths: 'x' is not a number")]
    [InlineData("--needles 3 --question-template WhatIsTheNumber", "both templates need a {key} slot")]
    public void Bad_niah_requests_exit_2_naming_the_problem(string flags, string message)
    {
        using var temp = new TempDirectory();
        var (code, output, error) = CliProcess.Run(["make-eval", "niah", "--input", EvalTestTokenizers.MiniCorpus, "--split", "validation", "--out", temp.Combine("x"), .. flags.Split(' ')]);
        Assert.True(code == 2, output + error);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Make_eval_ruler_writes_a_set_says_what_it_skipped_and_names_bad_flags()
    {
        using var temp = new TempDirectory();
        var (code, output, error) = CliProcess.Run("make-eval", "ruler", "--input", EvalTestTokenizers.MiniCorpus, "--split", "train", "--lengths", "2K", "--samples", "1", "--tasks", "niah_single_1,vt,fwe", "--out", temp.Combine("ruler"));
        Assert.True(code == 0, output + error);
        Assert.Contains("3 prompts, 3 tasks", output, StringComparison.Ordinal);
        using (var set = UltraLLaDA.Data.Evaluation.Ruler.RulerSet.Open(temp.Combine("ruler")))
            Assert.Equal(["niah_single_1", "vt", "fwe"], set.Records.Select(r => r.Task));

        (code, output, error) = CliProcess.Run("make-eval", "ruler", "--input", EvalTestTokenizers.MiniCorpus, "--split", "train", "--lengths", "2K", "--samples", "1", "--out", temp.Combine("all"));
        Assert.True(code == 0, output + error);
        Assert.Contains("skipped qa_1: no SQuAD file was given", output, StringComparison.Ordinal);

        (code, _, error) = CliProcess.Run("make-eval", "ruler", "--input", EvalTestTokenizers.MiniCorpus, "--split", "train", "--tasks", "qa_2", "--out", temp.Combine("x"));
        Assert.Equal(2, code);
        Assert.Contains("--tasks qa_2 needs a HotpotQA JSON file; pass --hotpotqa", error, StringComparison.Ordinal);
        (code, _, error) = CliProcess.Run("make-eval", "ruler", "--input", EvalTestTokenizers.MiniCorpus, "--split", "train", "--samples", "0", "--out", temp.Combine("x"));
        Assert.Equal(2, code);
        Assert.Contains("--samples 0: must be at least 1", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_ppl_requests_exit_2_naming_the_problem()
    {
        using var temp = new TempDirectory();
        var (code, _, error) = CliProcess.Run("make-eval", "ppl", "--input", EvalTestTokenizers.MiniCorpus, "--out", temp.Combine("x"));
        Assert.Equal(2, code);
        Assert.Contains("--lengths 131072 is longer than every document of", error, StringComparison.Ordinal);
        Assert.Contains("The Yellow Wallpaper", error, StringComparison.Ordinal);
        // Moved here from the library's PplSetMakerTests: naming the remedy's flag is the CLI's job.
        Assert.Contains("pass --concatenate", error, StringComparison.Ordinal);

        var full = temp.Combine("full");
        Directory.CreateDirectory(full);
        File.WriteAllText(Path.Combine(full, "other.txt"), "not a set");
        (code, _, error) = CliProcess.Run("make-eval", "ppl", "--input", EvalTestTokenizers.MiniCorpus, "--out", full, "--lengths", "64");
        Assert.Equal(2, code);
        Assert.Contains($"--out {full} is not empty", error, StringComparison.Ordinal);
        Assert.Contains("pass --overwrite", error, StringComparison.Ordinal);

        (code, _, error) = CliProcess.Run("make-eval", "ppl", "--input", temp.Combine("missing"), "--out", temp.Combine("x"));
        Assert.Equal(2, code);
        Assert.Contains("no such file or folder", error, StringComparison.Ordinal);
    }
}
