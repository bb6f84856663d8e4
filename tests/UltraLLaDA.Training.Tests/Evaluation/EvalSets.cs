using UltraLLaDA.Data.Evaluation;
using UltraLLaDA.Data.Tokenization;
using UltraLLaDA.Training.Tests.Support;

namespace UltraLLaDA.Training.Tests.Evaluation;

/// <summary>Small PPL and NIAH sets of samples/pg19-mini with the byte-level tokenizer, what `make-eval` writes.</summary>
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
