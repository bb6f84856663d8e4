using System.Buffers.Binary;

namespace UltraLLaDA.Data.Formats.Megatron;

/// <summary>
/// Reads and checks a Megatron .idx file: magic, version, dtype code, that the file size is exactly what
/// the two counts imply, non-negative sizes, pointers that follow from the sizes, and a document index
/// that starts at 0, never decreases and ends at the sequence count. Every problem is a
/// <see cref="MegatronFormatException"/> naming the file (and the sequence where one is at fault).
/// </summary>
public static class MegatronIndexReader
{
    public static MegatronIndex Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MegatronFormatException(path, null, $"cannot read: {e.Message}", e);
        }

        return Parse(path, bytes);
    }

    /// <summary>Checks and parses .idx bytes read from <paramref name="path"/> (named in errors only).</summary>
    public static MegatronIndex Parse(string path, ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < MegatronIndexLayout.HeaderSize)
            throw Fail(path, $"is {bytes.Length} bytes, shorter than the {MegatronIndexLayout.HeaderSize}-byte header of a Megatron index.");
        if (!bytes[..MegatronIndexLayout.Magic.Length].SequenceEqual(MegatronIndexLayout.Magic))
            throw Fail(path, "does not start with the Megatron index magic MMIDIDX\\x00\\x00: not a Megatron .idx file.");
        var version = BinaryPrimitives.ReadUInt64LittleEndian(bytes[9..]);
        if (version != MegatronIndexLayout.Version)
            throw Fail(path, $"index version {version}; only version {MegatronIndexLayout.Version} exists.");
        var code = bytes[17];
        if (!MegatronDTypes.IsDefined(code))
            throw Fail(path, $"dtype code {code} is not one of Megatron's codes (1-8).");
        var dtype = (MegatronDType)code;
        if (!MegatronDTypes.IsInteger(dtype))
            throw Fail(path, $"dtype {MegatronDTypes.NumpyName(dtype)} (code {code}) cannot hold token ids.");

        var sequences = BinaryPrimitives.ReadUInt64LittleEndian(bytes[18..]);
        var entries = BinaryPrimitives.ReadUInt64LittleEndian(bytes[26..]);
        // Bound the counts by the file size before multiplying, so a damaged count cannot overflow.
        var body = (ulong)(bytes.Length - MegatronIndexLayout.HeaderSize);
        if (sequences > body / 12 || entries > body / 8 || (sequences * 12) + (entries * 8) != body)
            throw Fail(path, $"is {bytes.Length} bytes, but {sequences} sequences and {entries} document-index entries need {Expected(sequences, entries)} bytes.");
        if (entries == 0)
            throw Fail(path, "has no document-index entries; the list always starts with 0.");

        var count = (int)sequences; // fits: sequences <= body / 12 < int.MaxValue
        var sizes = new int[count];
        var pointers = new long[count];
        var documents = new long[(int)entries];
        var sizeBytes = bytes[MegatronIndexLayout.HeaderSize..];
        var pointerBytes = sizeBytes[(count * sizeof(int))..];
        var documentBytes = pointerBytes[(count * sizeof(long))..];
        long itemSize = MegatronDTypes.Size(dtype);
        long tokens = 0;
        for (var i = 0; i < count; i++)
        {
            var size = BinaryPrimitives.ReadInt32LittleEndian(sizeBytes[(i * sizeof(int))..]);
            if (size < 0)
                throw Fail(path, i, $"length {size} is negative.");
            var pointer = BinaryPrimitives.ReadInt64LittleEndian(pointerBytes[(i * sizeof(long))..]);
            var expected = tokens * itemSize;
            if (pointer != expected)
                throw Fail(path, i, $"byte pointer {pointer} does not follow from the sizes before it (expected {expected}).");
            sizes[i] = size;
            pointers[i] = pointer;
            tokens += size;
        }

        for (var d = 0; d < documents.Length; d++)
        {
            var value = BinaryPrimitives.ReadInt64LittleEndian(documentBytes[(d * sizeof(long))..]);
            if (d == 0 && value != 0)
                throw Fail(path, $"document index entry 0 is {value}; it must be 0.");
            if (d > 0 && value < documents[d - 1])
                throw Fail(path, $"document index entry {d} is {value}, less than entry {d - 1} ({documents[d - 1]}): the document index must not decrease.");
            if (value > count)
                throw Fail(path, $"document index entry {d} is {value}, beyond the {count} sequences.");
            documents[d] = value;
        }

        if (documents[^1] != count)
            throw Fail(path, $"the document index ends at {documents[^1]}, not at the sequence count {count}.");
        return new MegatronIndex(path, dtype, sizes, pointers, documents, tokens);
    }

    private static string Expected(ulong sequences, ulong entries)
    {
        var need = (System.Numerics.BigInteger)MegatronIndexLayout.HeaderSize + (sequences * (System.Numerics.BigInteger)12) + (entries * (System.Numerics.BigInteger)8);
        return need.ToString();
    }

    private static MegatronFormatException Fail(string path, string problem) => new(path, null, problem);

    private static MegatronFormatException Fail(string path, long sequence, string problem) => new(path, sequence, problem);
}
