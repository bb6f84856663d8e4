using UltraLLaDA.Data.Packing;

namespace UltraLLaDA.Data.Inspection;

/// <summary>What verification keeps of one record once it has checked it: enough to join it to its neighbours.</summary>
internal struct RecordSummary
{
    /// <summary>True once the record read and decoded cleanly.</summary>
    public bool Read;

    public Segment First;

    public Segment Last;

    public int SegmentCount;

    public int TokenCount;

    public int UnpaddedCount;

    public bool IsPadded;
}
