namespace UltraLLaDA.Data.Packing.BestFit;

/// <summary>
/// A window whose pieces are placed but whose records are built only as they are taken, so a
/// closed window costs its buffer, not a second copy of its tokens in records.
/// </summary>
internal sealed class ClosedWindow(WindowBuffer buffer, List<PlannedRecord> plan, int recordsToBuild)
{
    public WindowBuffer Buffer { get; } = buffer;

    public List<PlannedRecord> Plan { get; } = plan;

    /// <summary>Records of this window still to be built; at zero the buffer can be reused.</summary>
    public int RecordsToBuild { get; set; } = recordsToBuild;
}
