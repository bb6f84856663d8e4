using CsCheck;
using UltraLLaDA.Data.Packing;

namespace UltraLLaDA.Data.Tests.Packing;

/// <summary>
/// Random packing inputs that lean on the lengths where packers break: empty documents, one token,
/// exactly seq_len, seq_len plus or minus one, many times seq_len, and whatever else.
/// </summary>
public static class PackingGen
{
    public static readonly Gen<PackingCase> Case =
        from seqLen in Gen.OneOf(Gen.Int[1, 4], Gen.Int[5, 64])
        from layout in Gen.Enum<SequenceLayout>()
        from tail in Gen.Enum<TailPolicy>()
        from bos in Gen.Bool
        from lengths in DocumentLength(seqLen).Array[0, 24]
        from seed in Gen.Int
        select Build(seqLen, layout, tail, bos, lengths, seed);

    private static Gen<int> DocumentLength(int seqLen) => Gen.Frequency(
        (3, Gen.Const(0)),
        (3, Gen.Const(1)),
        (3, Gen.Const(seqLen)),
        (3, Gen.Const(seqLen + 1)),
        (3, Gen.Const(Math.Max(0, seqLen - 1))),
        (2, Gen.Int[2, 5].Select(k => k * seqLen)),
        (2, Gen.Int[2, 5].Select(k => (k * seqLen) + 1)),
        (6, Gen.Int[0, 3 * seqLen]));

    private static PackingCase Build(int seqLen, SequenceLayout layout, TailPolicy tail, bool bos, int[] lengths, int seed)
    {
        var random = new Random(seed);
        var documents = lengths
            .Select(n => Enumerable.Range(0, n).Select(_ => (uint)random.Next(10, PackingCase.Vocab)).ToArray())
            .ToArray();
        var options = new PackingOptions
        {
            SeqLen = seqLen,
            Layout = layout,
            Tail = tail,
            EodId = PackingCase.Eod,
            PadId = PackingCase.Pad,
            BosId = bos ? PackingCase.Bos : null,
        };
        return new PackingCase(options, documents);
    }
}
