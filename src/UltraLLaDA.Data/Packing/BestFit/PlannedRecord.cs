namespace UltraLLaDA.Data.Packing.BestFit;

/// <summary>A record that best-fit-decreasing opened: which window pieces it holds, in placement order.</summary>
internal sealed class PlannedRecord
{
    /// <summary>Indices into the window's pieces, in the order they were placed.</summary>
    public List<int> Pieces { get; } = [];

    /// <summary>Tokens the pieces take.</summary>
    public int Used { get; set; }
}
