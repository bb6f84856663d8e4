namespace UltraLLaDA.Data.Packing;

/// <summary>
/// What a packing strategy promises about where documents' pieces lie, as <c>verify</c> checks it.
/// Every strategy must tile: each non-empty document's pieces, put together by offset, are its whole
/// stream exactly once (verify always checks that). These rules say what else holds.
/// </summary>
public interface ITilingRules
{
    /// <summary>
    /// True when records take the documents' streams in order: each record begins where the previous
    /// one stopped, and the resume point after a record is where it stopped (so verify checks every
    /// joint between records, and each shard's next position in the manifest).
    /// </summary>
    bool InStreamOrder { get; }

    /// <summary>True when only the split's last record may hold padding or be short.</summary>
    bool PaddingOnlyInTail { get; }

    /// <summary>
    /// Checks how one record's segments are arranged, for records of <paramref name="seqLen"/> tokens. <paramref name="streamLength"/> gives a document's
    /// stream length from the documents table (null when it is not known); each problem found goes to
    /// <paramref name="problem"/>, worded to follow "record N: ".
    /// </summary>
    void CheckSegments(ReadOnlySpan<Segment> segments, int seqLen, Func<ulong, long?> streamLength, Action<string> problem);
}
