using System.Buffers;

namespace UltraLLaDA.Data.Sources.JsonLines;

/// <summary>
/// Counts the documents of a JSONL stream without parsing JSON: a scan for '\n' that counts the lines holding
/// anything but spaces, tabs and CRs. The rule is the one <see cref="JsonLineReader.IsBlank"/> applies when
/// reading, so a file counts the same whether it is read or only counted (which keeps partition ordinals right).
/// </summary>
internal static class JsonLineCounter
{
    private const int ChunkSize = 1 << 20;

    /// <summary>The bytes a blank line may hold: JSON's whitespace except '\n', which ends it.</summary>
    public static bool IsBlank(ReadOnlySpan<byte> line) => line.IndexOfAnyExcept(" \t\r"u8) < 0;

    /// <summary>The number of non-blank lines in <paramref name="stream"/>; a BOM at its start is not content.</summary>
    public static async ValueTask<long> CountDocumentsAsync(Stream stream, string path, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            long documents = 0;
            bool lineHasContent = false;
            // The first read fills at least a BOM's length, so that a BOM is seen whole even from a small gzip read.
            int read = 0;
            int got;
            do
            {
                got = await InputStreams.ReadAsync(stream, buffer.AsMemory(read), path, cancellationToken).ConfigureAwait(false);
                read += got;
            }
            while (got > 0 && read < LeadingBom.Utf8.Length);
            int offset = buffer.AsSpan(0, read).StartsWith(LeadingBom.Utf8) ? LeadingBom.Utf8.Length : 0;
            while (read > 0)
            {
                documents += CountChunk(buffer.AsSpan(offset, read - offset), ref lineHasContent);
                offset = 0;
                read = await InputStreams.ReadAsync(stream, buffer, path, cancellationToken).ConfigureAwait(false);
            }

            return lineHasContent ? documents + 1 : documents;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Counts the non-blank lines ended in <paramref name="chunk"/>; <paramref name="lineHasContent"/>
    /// carries whether the line still open at a chunk's end has content.</summary>
    private static long CountChunk(ReadOnlySpan<byte> chunk, ref bool lineHasContent)
    {
        long documents = 0;
        while (true)
        {
            int newline = chunk.IndexOf((byte)'\n');
            var part = newline < 0 ? chunk : chunk[..newline];
            lineHasContent = lineHasContent || !IsBlank(part);
            if (newline < 0)
                return documents;
            if (lineHasContent)
                documents++;
            lineHasContent = false;
            chunk = chunk[(newline + 1)..];
        }
    }
}
