using UltraLLaDA.Data.Formats.Ulds;

namespace UltraLLaDA.Data.Pipeline;

/// <summary>
/// Everything that decides the bytes of a split's output. Two runs with equal configs over the same
/// input write identical files; a resumed run must have the config of the run it continues. The
/// worker count is deliberately absent: it never changes the output. <c>format</c>, <c>pack</c> and the
/// window came later: a manifest without them was written by ULDS + concat, which their defaults say.
/// </summary>
public sealed record OutputConfig(
    string Split,
    string Layout,
    int SeqLen,
    string Tail,
    int RecordsPerShard,
    int ZstdLevel,
    TokenizerStamp Tokenizer,
    int VocabSize,
    uint? EodId,
    uint? PadId,
    uint? BosId,
    string? Partition,
    string Format = "ulds",
    string Pack = "concat",
    int? PackWindow = null,
    long? PackWindowTokens = null);
