namespace UltraLLaDA.Data.Packing.Concat;

/// <summary>
/// concat's records: in stream order, padding only in the split's tail; inside a record, only the first
/// segment continues a document, only the last is cut, and documents follow in increasing order.
/// </summary>
internal sealed class ConcatTilingRules : ITilingRules
{
    public bool InStreamOrder => true;

    public bool PaddingOnlyInTail => true;

    public void CheckSegments(ReadOnlySpan<Segment> segments, int seqLen, Func<ulong, long?> streamLength, Action<string> problem)
    {
        for (var k = 0; k < segments.Length; k++)
        {
            var s = segments[k];
            var name = SegmentNames.Describe(k, s);
            if (k > 0)
            {
                if (s.Offset != 0)
                    problem($"{name} continues a document, but only a record's first segment may (a document is cut only at the end of a record)");
                if (s.Doc <= segments[k - 1].Doc)
                    problem($"{name} comes after doc {segments[k - 1].Doc}: documents must follow in increasing order");
            }

            var end = (long)s.Offset + s.Length;
            if (k < segments.Length - 1 && streamLength(s.Doc) is long stream && end < stream)
                problem($"{name} stops at token {end} of the document's {stream}, but only a record's last segment may be cut");
        }
    }
}
