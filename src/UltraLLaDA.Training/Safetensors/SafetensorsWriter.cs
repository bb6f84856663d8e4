using System.Buffers.Binary;
using System.Text.Json;
using static TorchSharp.torch;

namespace UltraLLaDA.Training.Safetensors;

/// <summary>
/// Writes a safetensors file from named tensors, in the order given, to a temporary name renamed into place at the
/// end. The header is padded with spaces to a multiple of 8 bytes, as the reference implementation does.
/// </summary>
public static class SafetensorsWriter
{
    /// <param name="path">Destination.</param>
    /// <param name="tensors">Name and tensor; each is copied to the CPU (and to <paramref name="dtype"/> when given) as it is written.</param>
    /// <param name="metadata">The "__metadata__" strings.</param>
    /// <param name="dtype">Convert every floating-point tensor to this type (e.g. BFloat16 for export); null keeps each one's.</param>
    public static void Write(string path, IReadOnlyList<(string Name, Tensor Tensor)> tensors, IReadOnlyDictionary<string, string>? metadata = null, ScalarType? dtype = null)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var stored = tensors.Select(t => (t.Name, Type: StoredType(t.Tensor, dtype), t.Tensor)).ToList();
        var header = new Dictionary<string, object>(StringComparer.Ordinal);
        if (metadata is { Count: > 0 })
            header["__metadata__"] = metadata;
        long offset = 0;
        foreach (var (name, type, tensor) in stored)
        {
            var bytes = tensor.numel() * SafetensorsDType.ElementSize(SafetensorsDType.FromScalarType(type));
            header[name] = new Dictionary<string, object>
            {
                ["dtype"] = SafetensorsDType.FromScalarType(type),
                ["shape"] = tensor.shape,
                ["data_offsets"] = new[] { offset, offset + bytes },
            };
            offset += bytes;
        }

        var json = JsonSerializer.SerializeToUtf8Bytes(header, SafetensorsJsonContext.Default.DictionaryStringObject);
        var padded = (json.Length + 7) / 8 * 8;
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            Span<byte> prefix = stackalloc byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(prefix, padded);
            stream.Write(prefix);
            stream.Write(json);
            for (var i = json.Length; i < padded; i++)
                stream.WriteByte((byte)' ');
            foreach (var (_, type, tensor) in stored)
            {
                using var scope = NewDisposeScope();
                var cpu = tensor.detach().to(CPU).to_type(type).contiguous();
                stream.Write(cpu.bytes);
            }

            // On disk before the rename, so a power loss never leaves a short file under the final name.
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static ScalarType StoredType(Tensor tensor, ScalarType? dtype) =>
        dtype is { } target && tensor.is_floating_point() ? target : tensor.dtype;
}
