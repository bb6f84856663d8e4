using System.Buffers.Binary;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;
using static TorchSharp.torch;

namespace UltraLLaDA.Training.Safetensors;

/// <summary>
/// Reads a safetensors file: 8-byte little-endian header length, a JSON header
/// ({name: {dtype, shape, data_offsets}}, optional "__metadata__"), then the raw little-endian tensor bytes.
/// Tensors are read one at a time, so an 8B checkpoint never sits in memory twice.
/// </summary>
public sealed class SafetensorsReader : IDisposable
{
    private const long MaxHeaderLength = 100L << 20;
    private readonly SafeFileHandle _file;
    private readonly long _dataStart;

    private SafetensorsReader(string path, SafeFileHandle file, long dataStart, Dictionary<string, SafetensorsEntry> entries, Dictionary<string, string> metadata)
    {
        FilePath = path;
        _file = file;
        _dataStart = dataStart;
        Entries = entries;
        Metadata = metadata;
    }

    public string FilePath { get; }

    public IReadOnlyDictionary<string, SafetensorsEntry> Entries { get; }

    public IReadOnlyDictionary<string, string> Metadata { get; }

    public static SafetensorsReader Open(string path)
    {
        var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        try
        {
            var length = RandomAccess.GetLength(file);
            Span<byte> prefix = stackalloc byte[8];
            if (length < 8 || RandomAccess.Read(file, prefix, 0) != 8)
                throw new InvalidDataException($"{path}: too short to be a safetensors file");
            var headerLength = BinaryPrimitives.ReadInt64LittleEndian(prefix);
            if (headerLength <= 0 || headerLength > MaxHeaderLength || 8 + headerLength > length)
                throw new InvalidDataException($"{path}: header length {headerLength} does not fit a file of {length} bytes");
            var header = new byte[headerLength];
            ReadExactly(file, header, 8, path);
            var (entries, metadata) = ParseHeader(header, length - 8 - headerLength, path);
            return new SafetensorsReader(path, file, 8 + headerLength, entries, metadata);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Loads one tensor in its stored dtype, on the CPU.</summary>
    public Tensor Load(string name)
    {
        if (!Entries.TryGetValue(name, out var entry))
            throw new KeyNotFoundException($"{FilePath} has no tensor '{name}'");
        var bytes = new byte[entry.ByteLength];
        ReadExactly(_file, bytes, _dataStart + entry.Begin, FilePath);
        var result = empty(entry.Shape, SafetensorsDType.ToScalarType(entry.DType));
        if (bytes.Length > 0)
            result.bytes = bytes;
        return result;
    }

    public void Dispose() => _file.Dispose();

    private static (Dictionary<string, SafetensorsEntry>, Dictionary<string, string>) ParseHeader(byte[] header, long dataLength, string path)
    {
        var entries = new Dictionary<string, SafetensorsEntry>(StringComparer.Ordinal);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var json = JsonDocument.Parse(header.AsMemory().TrimEnd((byte)' '));
            foreach (var property in json.RootElement.EnumerateObject())
            {
                if (property.Name == "__metadata__")
                {
                    foreach (var m in property.Value.EnumerateObject())
                        metadata[m.Name] = m.Value.GetString() ?? string.Empty;
                    continue;
                }

                var dtype = property.Value.GetProperty("dtype").GetString() ?? string.Empty;
                var shape = property.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
                var offsets = property.Value.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()).ToArray();
                if (offsets.Length != 2 || offsets[0] < 0 || offsets[1] < offsets[0] || offsets[1] > dataLength)
                    throw new InvalidDataException($"{path}: tensor '{property.Name}' has data offsets outside the file");
                var elements = shape.Aggregate(1L, (a, b) => a * b);
                if (elements * SafetensorsDType.ElementSize(dtype) != offsets[1] - offsets[0])
                    throw new InvalidDataException($"{path}: tensor '{property.Name}' ({dtype} [{string.Join(", ", shape)}]) does not fill its {offsets[1] - offsets[0]} bytes");
                entries[property.Name] = new SafetensorsEntry(property.Name, dtype, shape, offsets[0], offsets[1]);
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException($"{path}: malformed safetensors header: {e.Message}", e);
        }

        return (entries, metadata);
    }

    private static void ReadExactly(SafeFileHandle file, Span<byte> buffer, long offset, string path)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = RandomAccess.Read(file, buffer[total..], offset + total);
            if (read == 0)
                throw new InvalidDataException($"{path}: unexpected end of file at {offset + total}");
            total += read;
        }
    }
}
