namespace UltraLLaDA.Data.Packing.BestFit;

/// <summary>
/// best-fit's records (README.md beside this file): not in stream order, padding in any record. A record
/// of one segment of exactly seq_len tokens is a chunk, at an offset that is a multiple of seq_len; any
/// other record holds only documents' last pieces, shorter than seq_len, in best-fit order (length
/// non-increasing, equal lengths by document).
/// </summary>
internal sealed class BestFitTilingRules : ITilingRules
{
    public bool InStreamOrder => false;

    public bool PaddingOnlyInTail => false;

    public void CheckSegments(ReadOnlySpan<Segment> segments, int seqLen, Func<ulong, long?> streamLength, Action<string> problem)
    {
        if (segments.Length == 1 && segments[0].Length == seqLen)
        {
            if (segments[0].Offset % (uint)seqLen != 0)
                problem($"{SegmentNames.Describe(0, segments[0])} is a whole-record chunk, but its offset is not a multiple of seq_len {seqLen}");
            return;
        }

        for (var k = 0; k < segments.Length; k++)
        {
            var s = segments[k];
            var end = (long)s.Offset + s.Length;
            if (s.Length >= seqLen)
                problem($"{SegmentNames.Describe(k, s)} shares its record, so it must be a document's last piece, shorter than seq_len {seqLen}");
            else if (streamLength(s.Doc) is long stream && end != stream)
                problem($"{SegmentNames.Describe(k, s)} ends at token {end} of the document's {stream}: only a document's last piece may share a record");
            if (k > 0 && (s.Length > segments[k - 1].Length || (s.Length == segments[k - 1].Length && s.Doc <= segments[k - 1].Doc)))
                problem($"{SegmentNames.Describe(k, s)} follows a piece of length {segments[k - 1].Length} (doc {segments[k - 1].Doc}): best-fit places longer pieces first, equal ones by document");
        }
    }
}
