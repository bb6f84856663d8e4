namespace UltraLLaDA.Data.Pipeline;

/// <summary>A setting of a pack job, so an error can say which one is wrong without the library knowing how a front end spells it.</summary>
public enum PackSetting
{
    Input,
    Output,
    Split,
    Layout,
    SeqLen,
    Tail,
    EodId,
    PadId,
    BosId,
    Pack,
    PackWindow,
    PackWindowTokens,
    Format,
    RecordsPerShard,
    ZstdLevel,
    Workers,
    Memory,
    Resume,
    Overwrite,
}
