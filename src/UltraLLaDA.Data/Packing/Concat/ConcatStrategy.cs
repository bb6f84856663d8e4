namespace UltraLLaDA.Data.Packing.Concat;

/// <summary>
/// concat-and-carry (UltraLLaDA §3.3): documents in order, cut at record boundaries, the remainder
/// carried into the next record. Its packer is <see cref="Packer"/>; its resume point is (document,
/// offset in that document's stream).
/// </summary>
public sealed class ConcatStrategy : IPackingStrategy
{
    public static ConcatStrategy Instance { get; } = new();

    private ConcatStrategy()
    {
    }

    public string Name => "concat";

    public ITilingRules Tiling { get; } = new ConcatTilingRules();

    public void Validate(PackingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
    }

    public IPacker CreatePacker(PackingOptions options, PackPosition resumeAt, long firstRecordIndex) => new Packer(options, resumeAt, firstRecordIndex);
}
