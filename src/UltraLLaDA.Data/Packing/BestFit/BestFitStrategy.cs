namespace UltraLLaDA.Data.Packing.BestFit;

/// <summary>
/// best-fit-decreasing within a bounded window (Ding et al. 2024): a document is cut only where its
/// length forces it (README.md beside this file). Its resume point is (first document of the window,
/// records of that window already written).
/// </summary>
public sealed class BestFitStrategy : IPackingStrategy
{
    public static BestFitStrategy Instance { get; } = new();

    private BestFitStrategy()
    {
    }

    public string Name => "best-fit";

    public ITilingRules Tiling { get; } = new BestFitTilingRules();

    public void Validate(PackingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        WindowOf(options).Validate();
        if (options.PadId is null)
            throw new ArgumentException("best-fit packing pads the records it cannot fill, so it needs a pad id whatever the tail policy.", nameof(options.PadId));
    }

    public IPacker CreatePacker(PackingOptions options, PackPosition resumeAt, long firstRecordIndex)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new BestFitPacker(options, WindowOf(options), resumeAt, firstRecordIndex);
    }

    /// <summary>The window the options ask for, each bound left unset taking its default.</summary>
    public static BestFitWindow WindowOf(PackingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new BestFitWindow
        {
            MaxDocuments = options.WindowDocuments ?? BestFitWindow.DefaultMaxDocuments,
            MaxTokens = options.WindowTokens ?? BestFitWindow.DefaultMaxTokens,
        };
    }
}
