using System.Text;
using System.Text.Unicode;

namespace UltraLLaDA.Data.Sources;

/// <summary>
/// Decodes UTF-8 the way <see cref="Encoding.UTF8"/> does (each maximal invalid subsequence becomes one U+FFFD),
/// and says how many replacements it made, so that damaged input is visible in <see cref="SourceStats"/>
/// instead of failing a long run or passing unnoticed.
/// </summary>
internal static class Utf8TextDecoder
{
    /// <summary>Decodes <paramref name="bytes"/>; <paramref name="invalidSequences"/> is the number of U+FFFD put in.
    /// A leading BOM is kept (as U+FEFF): removing it is <see cref="LeadingBom"/>'s job.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes, out int invalidSequences)
    {
        invalidSequences = 0;
        if (Utf8.IsValid(bytes))
            return Encoding.UTF8.GetString(bytes);

        // Never more chars than bytes: a valid sequence of n bytes gives at most n/2 or 1 chars,
        // an invalid subsequence of n >= 1 bytes gives one U+FFFD.
        char[] buffer = new char[bytes.Length];
        Span<char> destination = buffer;
        int written = 0;
        while (!bytes.IsEmpty)
        {
            var status = Utf8.ToUtf16(bytes, destination[written..], out int read, out int chars, replaceInvalidSequences: false);
            written += chars;
            bytes = bytes[read..];
            if (status == System.Buffers.OperationStatus.Done)
                break;

            // DecodeFromUtf8 reports the length of the maximal invalid subsequence, as Encoding.UTF8 replaces it.
            Rune.DecodeFromUtf8(bytes, out _, out int invalidLength);
            destination[written++] = '\uFFFD';
            bytes = bytes[Math.Max(invalidLength, 1)..];
            invalidSequences++;
        }

        return new string(buffer, 0, written);
    }
}
