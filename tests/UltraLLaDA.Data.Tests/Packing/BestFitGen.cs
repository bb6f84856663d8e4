using CsCheck;
using UltraLLaDA.Data.Packing.BestFit;

namespace UltraLLaDA.Data.Tests.Packing;

/// <summary>
/// Best-fit inputs: the concat generator's documents and options, with windows small enough that they
/// close often (by document count or by buffered tokens), and sometimes the default window, which
/// holds every generated case whole.
/// </summary>
public static class BestFitGen
{
    public static readonly Gen<BestFitCase> Case =
        from input in PackingGen.Case
        from window in Window(input.Options.SeqLen)
        select new BestFitCase(input, window);

    private static Gen<BestFitWindow> Window(int seqLen) => Gen.Frequency(
        (1, Gen.Const(BestFitWindow.Default)),
        (3, Gen.Int[1, 6].Select(n => new BestFitWindow { MaxDocuments = n })),
        (3, Gen.Int[1, 3 * seqLen].Select(t => new BestFitWindow { MaxTokens = t })),
        (3, Gen.Select(Gen.Int[1, 6], Gen.Int[1, 3 * seqLen], (n, t) => new BestFitWindow { MaxDocuments = n, MaxTokens = t })));
}
