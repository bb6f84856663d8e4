using UltraLLaDA.Data.Evaluation;
using UltraLLaDA.Data.Evaluation.Ruler;
using UltraLLaDA.Data.Tests.Support;

namespace UltraLLaDA.Data.Tests.Evaluation.Ruler;

/// <summary>RULER set options over samples/pg19-mini's train split (two books, enough for 32K) and the made-up QA files.</summary>
internal static class RulerTestSets
{
    public static string Squad => Path.Combine(TestPaths.RepoRoot, "tests", "UltraLLaDA.Data.Tests", "TestData", "evaluation", "squad-mini.json");

    public static string HotpotQa => Path.Combine(TestPaths.RepoRoot, "tests", "UltraLLaDA.Data.Tests", "TestData", "evaluation", "hotpotqa-mini.json");

    public static RulerSetOptions Options(string output, string tokenizer, IReadOnlyList<int> lengths, int samples = 1, ulong seed = 1, bool qa = true) => new()
    {
        Input = new EvalInput(EvalTestTokenizers.MiniCorpus, "train"),
        TokenizerSpec = EvalTestTokenizers.Spec(tokenizer),
        Lengths = lengths,
        Samples = samples,
        Seed = seed,
        Squad = qa ? Squad : null,
        HotpotQa = qa ? HotpotQa : null,
        Output = output,
    };
}
