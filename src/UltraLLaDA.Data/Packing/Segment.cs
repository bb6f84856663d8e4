using System.Runtime.InteropServices;

namespace UltraLLaDA.Data.Packing;

/// <summary>
/// Provenance of one contiguous run of tokens in a record: which document it comes from and which
/// part of that document's token stream it is. Laid out exactly as in the shard (16 bytes).
/// </summary>
/// <param name="Doc">Ordinal of the source document in its split (0-based, input order).</param>
/// <param name="Offset">Index of the segment's first token in the document's token stream.</param>
/// <param name="Length">Number of tokens in the segment.</param>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public readonly record struct Segment(ulong Doc, uint Offset, uint Length)
{
    /// <summary>Bytes one segment takes in a record payload.</summary>
    public const int Size = 16;

    /// <summary>True when the segment does not start at the beginning of its document (a carried remainder).</summary>
    public bool IsContinuation => Offset != 0;
}
