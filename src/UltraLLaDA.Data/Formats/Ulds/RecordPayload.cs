using System.Runtime.InteropServices;
using UltraLLaDA.Data.Packing;

namespace UltraLLaDA.Data.Formats.Ulds;

/// <summary>
/// The decompressed body of a record: tokens (n x u32), segment ids (n x u32), segments (s x 16 bytes),
/// all little-endian. Writing and reading are plain memory copies on a little-endian CPU, which is
/// what this implementation requires.
/// </summary>
internal static class RecordPayload
{
    public static void EnsureLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("ULDS shards are read and written as little-endian memory images; this CPU is big-endian.");
    }

    public static void Write(ReadOnlySpan<uint> tokens, ReadOnlySpan<uint> segmentIds, ReadOnlySpan<Segment> segments, Span<byte> destination)
    {
        var n = tokens.Length * sizeof(uint);
        MemoryMarshal.AsBytes(tokens).CopyTo(destination);
        MemoryMarshal.AsBytes(segmentIds).CopyTo(destination.Slice(n));
        MemoryMarshal.AsBytes(segments).CopyTo(destination.Slice(2 * n));
    }

    public static ReadOnlySpan<uint> Tokens(ReadOnlySpan<byte> payload, int n) => MemoryMarshal.Cast<byte, uint>(payload.Slice(0, 4 * n));

    public static ReadOnlySpan<uint> SegmentIds(ReadOnlySpan<byte> payload, int n) => MemoryMarshal.Cast<byte, uint>(payload.Slice(4 * n, 4 * n));

    public static ReadOnlySpan<Segment> Segments(ReadOnlySpan<byte> payload, int n, int s) => MemoryMarshal.Cast<byte, Segment>(payload.Slice(8 * n, Segment.Size * s));

    /// <summary>
    /// Checks a record against the format's invariants. Returns what is wrong, or null when all holds:
    /// segment ids are 1..s in contiguous runs in order, each run's length matches the segment table,
    /// only padding (id 0) follows the last run, padding and the padded flag agree, every token id is
    /// below the vocabulary size.
    /// </summary>
    public static string? Validate(ReadOnlySpan<uint> tokens, ReadOnlySpan<uint> segmentIds, ReadOnlySpan<Segment> segments, bool padded, int vocabSize)
    {
        var n = tokens.Length;
        var position = 0;
        for (var k = 0; k < segments.Length; k++)
        {
            var segment = segments[k];
            var id = (uint)(k + 1);
            if (segment.Length == 0)
                return $"segment {id} has length 0";
            if ((ulong)segment.Offset + segment.Length > uint.MaxValue)
                return $"segment {id} ends past 2^32 tokens (offset {segment.Offset}, length {segment.Length})";
            if (segment.Length > n - position)
                return $"the segment table covers more than the record's {n} tokens (segment {id} starts at token {position} with length {segment.Length})";

            var run = segmentIds.Slice(position, (int)segment.Length);
            var stray = run.IndexOfAnyExcept(id);
            if (stray >= 0)
                return $"token {position + stray} has segment id {run[stray]} where the segment table puts segment {id} (tokens {position}..{position + segment.Length - 1})";
            position += (int)segment.Length;
        }

        var tail = segmentIds.Slice(position);
        var notPadding = tail.IndexOfAnyExcept(0u);
        if (notPadding >= 0)
        {
            var value = tail[notPadding];
            return value == 0 || value > segments.Length
                ? $"token {position + notPadding} has segment id {value}, outside 1..{segments.Length}"
                : $"token {position + notPadding} has segment id {value} after the segment table ended (segment ids must be contiguous runs 1..{segments.Length})";
        }

        if (tail.Length > 0 && !padded)
            return $"{tail.Length} tokens have segment id 0 (padding) but the record is not flagged as a padded tail";
        if (tail.Length == 0 && padded)
            return "the record is flagged as a padded tail but holds no padding";

        var badToken = tokens.IndexOfAnyInRange((uint)vocabSize, uint.MaxValue);
        if (badToken >= 0)
            return $"token {badToken} has id {tokens[badToken]}, not below the vocabulary size {vocabSize}";
        return null;
    }
}
