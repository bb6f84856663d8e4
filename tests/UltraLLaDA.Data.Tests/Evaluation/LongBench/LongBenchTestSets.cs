using UltraLLaDA.Data.Evaluation.LongBench;
using UltraLLaDA.Data.Tests.Support;

namespace UltraLLaDA.Data.Tests.Evaluation.LongBench;

/// <summary>
/// The made-up LongBench files of samples/longbench-mini (hotpotqa, multifieldqa_zh, trec, lcc, in the
/// published format; in samples/ so the docs can run on them too) and set options over them.
/// </summary>
internal static class LongBenchTestSets
{
    public static string Folder => Path.Combine(TestPaths.RepoRoot, "samples", "longbench-mini");

    public static IReadOnlyList<string> Files { get; } = ["hotpotqa", "multifieldqa_zh", "trec", "lcc"];

    public static LongBenchSetOptions Options(string output, string tokenizer = "o200k", int maxLength = 16384, IReadOnlyList<string>? datasets = null, string? input = null) => new()
    {
        Input = input ?? Folder,
        TokenizerSpec = EvalTestTokenizers.Spec(tokenizer),
        Datasets = datasets,
        MaxLength = maxLength,
        Output = output,
    };

    /// <summary>A copy of the test folder in <paramref name="folder"/>, with <paramref name="dataset"/>.jsonl replaced by <paramref name="lines"/>.</summary>
    public static string CopyWith(string folder, string dataset, params string[] lines)
    {
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(Folder, "*.jsonl"))
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        File.WriteAllText(Path.Combine(folder, dataset + ".jsonl"), string.Concat(lines.Select(l => l + "\n")));
        return folder;
    }
}
