namespace UltraLLaDA.Data.Packing.Documents;

/// <summary>Each record is one whole document, in order, never padded.</summary>
internal sealed class DocumentsTilingRules : ITilingRules
{
    public bool InStreamOrder => true;

    public bool PaddingOnlyInTail => true;

    public void CheckSegments(ReadOnlySpan<Segment> segments, int seqLen, Func<ulong, long?> streamLength, Action<string> problem)
    {
        if (segments.Length != 1)
        {
            problem($"holds {segments.Length} segments: with one document per record it holds exactly one");
            return;
        }

        var s = segments[0];
        if (s.Offset != 0 || (streamLength(s.Doc) is long stream && s.Length != stream))
            problem($"{SegmentNames.Describe(0, s)} is not its whole document: with one document per record no document is cut");
    }
}
