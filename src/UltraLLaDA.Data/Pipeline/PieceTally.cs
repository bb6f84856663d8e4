using UltraLLaDA.Data.Packing;

namespace UltraLLaDA.Data.Pipeline;

/// <summary>
/// Counts cut documents record by record, whatever the strategy: a document is cut when it lies in more
/// than one piece, and exactly one of its pieces ends its stream; that piece is a continuation
/// (offset above 0) only when the document was cut. Each document is held from the moment it is packed
/// until that piece comes out, so memory is bounded by what the strategy holds open.
/// </summary>
internal sealed class PieceTally
{
    private readonly Dictionary<ulong, long> _open = [];

    /// <summary>A document goes into the packer with a stream of <paramref name="streamLength"/> tokens.</summary>
    public void Packed(long ordinal, long streamLength)
    {
        if (streamLength > 0)
            _open[(ulong)ordinal] = streamLength;
    }

    /// <summary>Documents that were cut and whose last piece lies in <paramref name="segments"/>.</summary>
    public int CutDocumentsEndingIn(ReadOnlySpan<Segment> segments)
    {
        var cut = 0;
        foreach (var s in segments)
        {
            if (_open.TryGetValue(s.Doc, out var length) && s.Offset + (long)s.Length == length)
            {
                _open.Remove(s.Doc);
                if (s.Offset != 0)
                    cut++;
            }
        }

        return cut;
    }
}
