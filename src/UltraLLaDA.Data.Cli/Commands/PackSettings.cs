namespace UltraLLaDA.Data.Cli.Commands;

/// <summary>
/// The pack command's settings after merging a pipeline file with the flags (flags win). Every
/// property is nullable so the merge can tell "not given" from a value.
/// </summary>
internal sealed record PackSettings
{
    public string? Input { get; init; }

    public string? Split { get; init; }

    public string? InputFormat { get; init; }

    public string? Tokenizer { get; init; }

    public string? Layout { get; init; }

    public int? SeqLen { get; init; }

    public string? Tail { get; init; }

    public string? Out { get; init; }

    public int? Workers { get; init; }

    public int? RecordsPerShard { get; init; }

    public int? ZstdLevel { get; init; }

    public string? Partition { get; init; }

    public bool? Resume { get; init; }

    public bool? Overwrite { get; init; }

    public bool? NoProgress { get; init; }

    public int? EodId { get; init; }

    public string? EodToken { get; init; }

    public int? PadId { get; init; }

    public int? BosId { get; init; }

    public int? MemoryMb { get; init; }

    public string? Pack { get; init; }

    public int? PackWindow { get; init; }

    public long? PackWindowTokens { get; init; }

    public string? Format { get; init; }

    /// <summary>Each setting of <paramref name="overrides"/> that is set replaces this one's.</summary>
    public PackSettings OverriddenBy(PackSettings overrides) => new()
    {
        Input = overrides.Input ?? Input,
        Split = overrides.Split ?? Split,
        InputFormat = overrides.InputFormat ?? InputFormat,
        Tokenizer = overrides.Tokenizer ?? Tokenizer,
        Layout = overrides.Layout ?? Layout,
        SeqLen = overrides.SeqLen ?? SeqLen,
        Tail = overrides.Tail ?? Tail,
        Out = overrides.Out ?? Out,
        Workers = overrides.Workers ?? Workers,
        RecordsPerShard = overrides.RecordsPerShard ?? RecordsPerShard,
        ZstdLevel = overrides.ZstdLevel ?? ZstdLevel,
        Partition = overrides.Partition ?? Partition,
        Resume = overrides.Resume ?? Resume,
        Overwrite = overrides.Overwrite ?? Overwrite,
        NoProgress = overrides.NoProgress ?? NoProgress,
        EodId = overrides.EodId ?? EodId,
        EodToken = overrides.EodToken ?? EodToken,
        PadId = overrides.PadId ?? PadId,
        BosId = overrides.BosId ?? BosId,
        MemoryMb = overrides.MemoryMb ?? MemoryMb,
        Pack = overrides.Pack ?? Pack,
        PackWindow = overrides.PackWindow ?? PackWindow,
        PackWindowTokens = overrides.PackWindowTokens ?? PackWindowTokens,
        Format = overrides.Format ?? Format,
    };
}
