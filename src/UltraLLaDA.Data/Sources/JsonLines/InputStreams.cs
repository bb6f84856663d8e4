using System.IO.Compression;
using ZstdSharp;

namespace UltraLLaDA.Data.Sources.JsonLines;

/// <summary>Opens a JSONL file for sequential reading, decompressing .gz and .zst by extension.</summary>
internal static class InputStreams
{
    private const int FileBufferSize = 1 << 16;

    /// <summary>The file extensions the JSONL layout reads.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".jsonl", ".jsonl.gz", ".jsonl.zst"];

    /// <summary>A stream of the file's (decompressed) bytes; disposing it closes the file.</summary>
    public static Stream Open(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileBufferSize,
            FileOptions.Asynchronous | FileOptions.SequentialScan);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            return new GZipStream(file, CompressionMode.Decompress, leaveOpen: false);
        if (path.EndsWith(".zst", StringComparison.OrdinalIgnoreCase))
            return new DecompressionStream(file, leaveOpen: false);
        return file;
    }

    /// <summary>Reads like <see cref="Stream.ReadAsync(Memory{byte}, CancellationToken)"/>, turning a decompression
    /// failure into an error that names the file.</summary>
    public static async ValueTask<int> ReadAsync(Stream stream, Memory<byte> buffer, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidDataException or ZstdException)
        {
            throw new SourceDataException(path, null, $"cannot be decompressed: {e.Message}", e);
        }
    }
}
