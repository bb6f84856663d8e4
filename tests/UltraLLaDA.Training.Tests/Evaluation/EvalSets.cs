using UltraLLaDA.Data.Evaluation;
using UltraLLaDA.Data.Evaluation.Ruler;
using UltraLLaDA.Data.Tokenization;
using UltraLLaDA.Training.Tests.Support;

namespace UltraLLaDA.Training.Tests.Evaluation;

/// <summary>Small PPL, NIAH and RULER sets of samples/pg19-mini with the byte-level tokenizer, what `make-eval` writes.</summary>
internal static class EvalSets
{
    public static readonly int[] NiahLengths = [400, 600];
    public static readonly int[] NiahDepths = [0, 50, 100];

    public static async Task<string> NiahAsync(string output)
    {
        await NiahSetMaker.MakeAsync(new NiahSetOptions
        {
            Input = new EvalInput(TestPaths.Pg19Mini, "validation"),
            TokenizerSpec = Utf8ByteTokenizer.Name,
            Lengths = NiahLengths,
            Depths = NiahDepths,
            Seed = 9,
            Output = output,
        }, new Utf8ByteTokenizer());
        return output;
    }

    public static readonly int[] RulerLengths = [2000, 3000];

    /// <summary>A RULER set of all 13 tasks, with the made-up SQuAD and HotpotQA files of the data tests.</summary>
    public static async Task<string> RulerAsync(string output, int samples = 2)
    {
        var data = Path.Combine(TestPaths.RepoRoot, "tests", "UltraLLaDA.Data.Tests", "TestData", "evaluation");
        await RulerSetMaker.MakeAsync(new RulerSetOptions
        {
            Input = new EvalInput(TestPaths.Pg19Mini, "train"),
            TokenizerSpec = Utf8ByteTokenizer.Name,
            Lengths = RulerLengths,
            Samples = samples,
            Seed = 4,
            Squad = Path.Combine(data, "squad-mini.json"),
            HotpotQa = Path.Combine(data, "hotpotqa-mini.json"),
            Output = output,
        }, new Utf8ByteTokenizer());
        return output;
    }

    public static async Task<string> PplAsync(string output, int[] lengths)
    {
        await PplSetMaker.MakeAsync(new PplSetOptions
        {
            Input = new EvalInput(TestPaths.Pg19Mini, "validation"),
            TokenizerSpec = Utf8ByteTokenizer.Name,
            Lengths = lengths,
            Output = output,
        }, new Utf8ByteTokenizer());
        return output;
    }
}
