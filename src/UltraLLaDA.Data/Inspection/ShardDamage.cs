using System.Buffers.Binary;
using UltraLLaDA.Data.Formats.Ulds;

namespace UltraLLaDA.Data.Inspection;

/// <summary>
/// Says where a shard that cannot be opened is damaged, for the files whose footer or index is gone
/// (a truncated or incompletely written file): it walks the zstd frames of the records from the end of
/// the header and reports the record the file breaks off in.
/// </summary>
internal static class ShardDamage
{
    /// <summary>Extra problems locating the damage in <paramref name="path"/>, or none when the walk cannot tell more.</summary>
    public static IEnumerable<VerificationProblem> Locate(string path, string display)
    {
        long length;
        byte[] preamble = new byte[ShardFormat.PreambleSize];
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        length = RandomAccess.GetLength(file);
        if (length < ShardFormat.PreambleSize || RandomAccess.Read(file, preamble, 0) != preamble.Length || !preamble.AsSpan(0, 8).SequenceEqual(ShardFormat.Magic))
            return [];
        var dataStart = ShardFormat.PreambleSize + (long)BinaryPrimitives.ReadUInt32LittleEndian(preamble.AsSpan(12));
        if (dataStart > length)
            return [];

        var (frames, end, brokenInFrame) = WalkFrames(file, dataStart, length);
        if (brokenInFrame)
        {
            return
            [
                new VerificationProblem(display, frames, $"the file ends inside this record's frame (at byte {length}): records 0..{frames - 1} are whole, this one, any after it, the index and the footer are lost (truncated file)"),
            ];
        }

        var indexAndFooter = (32L * frames) + ShardFormat.FooterSize;
        if (end + indexAndFooter > length)
        {
            return
            [
                new VerificationProblem(display, null, $"the {frames} records are whole, but the file ends {end + indexAndFooter - length} bytes short of the end of their index and footer (truncated file)"),
            ];
        }

        return [];
    }

    /// <summary>Counts whole zstd frames back to back from <paramref name="start"/>.</summary>
    private static (long Frames, long End, bool BrokenInFrame) WalkFrames(Microsoft.Win32.SafeHandles.SafeFileHandle file, long start, long length)
    {
        var buffer = new byte[1 << 20];
        long bufferStart = start;
        var filled = 0;
        long frames = 0;
        var position = start;
        while (position < length)
        {
            var at = (int)(position - bufferStart);
            if (at > 0 && at >= buffer.Length / 2)
            {
                Buffer.BlockCopy(buffer, at, buffer, 0, filled - at);
                filled -= at;
                bufferStart = position;
                at = 0;
            }

            var available = filled - at;
            var size = FrameSize(buffer.AsSpan(at, available));
            if (size < 0 && bufferStart + filled < length)
            {
                if (filled == buffer.Length)
                    Array.Resize(ref buffer, buffer.Length * 2);
                var read = RandomAccess.Read(file, buffer.AsSpan(filled), bufferStart + filled);
                if (read == 0)
                    break;
                filled += read;
                continue;
            }

            if (size <= 0)
            {
                // Not a whole frame here: either the file ends inside one (a frame header is there) or the records are over.
                return (frames, position, size == -1 && LooksLikeFrameStart(buffer.AsSpan(at, available)));
            }

            position += size;
            frames++;
        }

        return (frames, position, false);
    }

    /// <summary>The size of the zstd frame at the start of <paramref name="bytes"/>; -1 when it is not all there; 0 when it is not a frame.</summary>
    private static long FrameSize(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 4)
            return -1;
        if (!LooksLikeFrameStart(bytes))
            return 0;
        nuint size;
        unsafe
        {
            fixed (byte* source = bytes)
                size = ZstdSharp.Unsafe.Methods.ZSTD_findFrameCompressedSize(source, (nuint)bytes.Length);
        }

        return ZstdSharp.Unsafe.Methods.ZSTD_isError(size) ? -1 : (long)size;
    }

    private static bool LooksLikeFrameStart(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 4 && BinaryPrimitives.ReadUInt32LittleEndian(bytes) == 0xFD2FB528;
}
