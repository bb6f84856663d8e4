using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using UltraLLaDA.Data.Tokenization.Bpe;

namespace UltraLLaDA.Data.Tokenization.Caching;

/// <summary>
/// The bytes of a cache file. A fixed header names what the entry is for and lets a reader reject a
/// file that is not whole before it trusts any of it:
/// <code>
///  0  8  magic "ULTKCACH"
///  8  4  format version (int32 LE)
/// 12  4  reserved, 0
/// 16 16  id of the library build that wrote it (module version id)
/// 32 32  SHA-256 of the tokenizer source the entry was compiled from
/// 64  8  payload length (int64 LE)
/// 72  8  XXH3-64 of the payload
/// 80  .. payload: rest JSON, ignore_merges, per-id byte lengths, one blob of token bytes, verbatim tokens, merge rules
/// </code>
/// The library build is part of the key because the entry holds the result of this library's
/// reading of the file: a build that reads differently must not take another's result.
/// </summary>
internal static class CompiledTokenizerFile
{
    public const int FormatVersion = 1;

    private const int HeaderSize = 80;
    private const int NoBytes = -1;
    private const int SameAsLookup = -2;
    private static readonly byte[] _magic = "ULTKCACH"u8.ToArray();

    /// <summary>The build of this library, as written into and checked against every entry.</summary>
    public static Guid LibraryBuild { get; } = typeof(CompiledTokenizerFile).Module.ModuleVersionId;

    public static byte[] Serialize(CompiledTokenizer entry, ReadOnlySpan<byte> sourceSha256, Guid libraryBuild)
    {
        var payload = SerializePayload(entry);
        var file = new byte[HeaderSize + payload.Length];
        _magic.CopyTo(file, 0);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(8), FormatVersion);
        libraryBuild.TryWriteBytes(file.AsSpan(16, 16));
        sourceSha256.CopyTo(file.AsSpan(32, 32));
        BinaryPrimitives.WriteInt64LittleEndian(file.AsSpan(64), payload.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(72), XxHash3.HashToUInt64(payload));
        payload.CopyTo(file, HeaderSize);
        return file;
    }

    /// <summary>Checks <paramref name="file"/> from the header in, and decodes it only when all of it holds.</summary>
    public static CacheLookup TryDeserialize(ReadOnlySpan<byte> file, ReadOnlySpan<byte> sourceSha256, Guid libraryBuild, out CompiledTokenizer? entry)
    {
        entry = null;
        if (file.Length < 16 || !file[..8].SequenceEqual(_magic) || BinaryPrimitives.ReadInt32LittleEndian(file[8..]) != FormatVersion)
            return CacheLookup.WrongVersion;
        if (file.Length < HeaderSize)
            return CacheLookup.Truncated;
        if (new Guid(file.Slice(16, 16)) != libraryBuild || !file.Slice(32, 32).SequenceEqual(sourceSha256))
            return CacheLookup.Stale;
        var length = BinaryPrimitives.ReadInt64LittleEndian(file[64..]);
        if (length != file.Length - HeaderSize)
            return CacheLookup.Truncated;
        var payload = file[HeaderSize..];
        if (XxHash3.HashToUInt64(payload) != BinaryPrimitives.ReadUInt64LittleEndian(file[72..]))
            return CacheLookup.Damaged;
        try
        {
            entry = DeserializePayload(payload);
            return CacheLookup.Hit;
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or InvalidDataException or DecoderFallbackException)
        {
            // A checksum collision or a writer bug; either way the entry cannot be used.
            return CacheLookup.Damaged;
        }
    }

    private static byte[] SerializePayload(CompiledTokenizer entry)
    {
        var model = entry.Model;
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(entry.RestJson.Length);
            writer.Write(entry.RestJson);
            writer.Write(model.IgnoreMerges);
            var count = model.LookupBytes.Length;
            if (model.DecodeBytes.Length != count)
                throw new ArgumentException("lookup and decode tables differ in length", nameof(entry));
            writer.Write(count);
            foreach (var bytes in model.LookupBytes)
                writer.Write(bytes?.Length ?? NoBytes);
            for (var id = 0; id < count; id++)
                writer.Write(DecodeLength(model.LookupBytes[id], model.DecodeBytes[id]));
            foreach (var bytes in model.LookupBytes)
            {
                if (bytes is not null)
                    writer.Write(bytes);
            }
            for (var id = 0; id < count; id++)
            {
                if (DecodeLength(model.LookupBytes[id], model.DecodeBytes[id]) >= 0)
                    writer.Write(model.DecodeBytes[id]!);
            }

            writer.Write(model.Verbatim.Count);
            foreach (var (token, id) in model.Verbatim)
            {
                var utf8 = Encoding.UTF8.GetBytes(token);
                writer.Write(id);
                writer.Write(utf8.Length);
                writer.Write(utf8);
            }

            writer.Write(model.Rules.Count);
            foreach (var (left, right, priority, result) in model.Rules)
            {
                writer.Write(left);
                writer.Write(right);
                writer.Write(priority);
                writer.Write(result);
            }
        }

        return buffer.ToArray();
    }

    private static int DecodeLength(byte[]? lookup, byte[]? decode) =>
        decode is null ? NoBytes : lookup is not null && lookup.AsSpan().SequenceEqual(decode) ? SameAsLookup : decode.Length;

    private static CompiledTokenizer DeserializePayload(ReadOnlySpan<byte> payload)
    {
        var reader = new SpanReader(payload);
        var restJson = reader.Bytes(reader.Int32()).ToArray();
        var ignoreMerges = reader.Byte() != 0;
        var count = reader.Count(8);
        var lookupLengths = reader.Int32s(count);
        var decodeLengths = reader.Int32s(count);
        var lookup = new byte[]?[count];
        var decode = new byte[]?[count];
        for (var id = 0; id < count; id++)
        {
            if (lookupLengths[id] != NoBytes)
                lookup[id] = reader.Bytes(lookupLengths[id]).ToArray();
        }
        for (var id = 0; id < count; id++)
        {
            decode[id] = decodeLengths[id] switch
            {
                NoBytes => null,
                SameAsLookup => lookup[id] ?? throw new InvalidDataException($"id {id} decodes as its lookup bytes, but has none"),
                var length => reader.Bytes(length).ToArray(),
            };
        }

        var verbatimCount = reader.Count(8);
        var verbatim = new KeyValuePair<string, int>[verbatimCount];
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        for (var i = 0; i < verbatimCount; i++)
        {
            var id = reader.Int32();
            verbatim[i] = new(strict.GetString(reader.Bytes(reader.Int32())), id);
        }

        var ruleCount = reader.Count(16);
        var flat = reader.Int32s(4 * ruleCount);
        var rules = new (int, int, int, int)[ruleCount];
        for (var i = 0; i < ruleCount; i++)
        {
            var at = 4 * i;
            rules[i] = (flat[at], flat[at + 1], flat[at + 2], flat[at + 3]);
        }
        if (!reader.AtEnd)
            throw new InvalidDataException("bytes left over after the merge rules");
        return new CompiledTokenizer(restJson, new CompiledBpeModel(lookup, decode, verbatim, rules, ignoreMerges));
    }

    /// <summary>Reads little-endian fields off a span; every read is bounds-checked and throws on a short payload.</summary>
    private ref struct SpanReader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _at;

        public readonly bool AtEnd => _at == _data.Length;

        public byte Byte() => Bytes(1)[0];

        public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Bytes(4));

        /// <summary>A count of items of at least <paramref name="bytesEach"/> bytes, checked against what is left.</summary>
        public int Count(int bytesEach)
        {
            var count = Int32();
            if (count < 0 || (long)count * bytesEach > _data.Length - _at)
                throw new InvalidDataException($"a count of {count} does not fit in the payload");
            return count;
        }

        public int[] Int32s(int count)
        {
            var bytes = Bytes(checked(count * 4));
            var values = new int[count];
            if (BitConverter.IsLittleEndian)
            {
                MemoryMarshal.Cast<byte, int>(bytes).CopyTo(values);
                return values;
            }
            for (var i = 0; i < count; i++)
                values[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes[(4 * i)..]);
            return values;
        }

        public ReadOnlySpan<byte> Bytes(int length)
        {
            if (length < 0 || length > _data.Length - _at)
                throw new InvalidDataException($"a field of {length} bytes runs past the end of the payload");
            var slice = _data.Slice(_at, length);
            _at += length;
            return slice;
        }
    }
}
