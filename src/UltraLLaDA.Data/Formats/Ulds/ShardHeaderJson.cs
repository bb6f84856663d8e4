using System.Text.Json;
using UltraLLaDA.Data.Packing;

namespace UltraLLaDA.Data.Formats.Ulds;

/// <summary>Writes the header JSON with a fixed key order (so shards are byte-identical) and reads it back strictly.</summary>
public static class ShardHeaderJson
{
    public static byte[] Serialize(ShardHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("format", "ulds");
            json.WriteNumber("version", ShardFormat.Version);
            json.WriteNumber("seq_len", header.SeqLen);
            json.WriteString("layout", header.Layout.ToWireName());
            json.WriteString("token_dtype", header.TokenDtype);
            json.WriteNumber("vocab_size", header.VocabSize);
            WriteNullable(json, "eod_id", header.EodId);
            WriteNullable(json, "pad_id", header.PadId);
            WriteNullable(json, "bos_id", header.BosId);
            json.WriteStartObject("tokenizer");
            json.WriteString("name", header.Tokenizer.Name);
            json.WriteString("sha256", header.Tokenizer.Sha256);
            json.WriteEndObject();
            json.WriteNumber("shard_index", header.ShardIndex);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Parses and checks a header; <paramref name="path"/> names the file in errors.</summary>
    public static ShardHeader Parse(ReadOnlySpan<byte> utf8, string path)
    {
        // The JSON reader accepts invalid UTF-8 inside strings and only fails when one is read, with
        // an InvalidOperationException; check the whole header up front instead.
        if (!System.Text.Unicode.Utf8.IsValid(utf8))
            throw Bad(path, "header is not valid UTF-8");
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(utf8);
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            throw new ShardFormatException(ShardFormatError.Header, path, null, $"header is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw Bad(path, "header JSON is not an object");
            if (RequiredString(root, "format", path) != "ulds")
                throw Bad(path, "header 'format' is not \"ulds\"");
            if (RequiredInt(root, "version", path) != ShardFormat.Version)
                throw Bad(path, $"header 'version' is {root.GetProperty("version")}, this reader knows version {ShardFormat.Version}");
            var seqLen = RequiredInt(root, "seq_len", path);
            if (seqLen <= 0)
                throw Bad(path, $"header 'seq_len' is {seqLen}, not a positive number");
            var layoutName = RequiredString(root, "layout", path);
            if (!SequenceLayoutNames.TryParseLayout(layoutName, out var layout))
                throw Bad(path, $"header 'layout' is \"{layoutName}\", not adaptive, eod or direct");
            var dtype = RequiredString(root, "token_dtype", path);
            if (dtype != "uint32")
                throw Bad(path, $"header 'token_dtype' is \"{dtype}\"; v1 stores uint32 tokens");
            var vocab = RequiredInt(root, "vocab_size", path);
            if (vocab <= 0)
                throw Bad(path, $"header 'vocab_size' is {vocab}, not a positive number");
            if (!root.TryGetProperty("tokenizer", out var tokenizer) || tokenizer.ValueKind != JsonValueKind.Object)
                throw Bad(path, "header has no 'tokenizer' object");

            return new ShardHeader
            {
                SeqLen = seqLen,
                Layout = layout,
                TokenDtype = dtype,
                VocabSize = vocab,
                EodId = OptionalId(root, "eod_id", path),
                PadId = OptionalId(root, "pad_id", path),
                BosId = OptionalId(root, "bos_id", path),
                Tokenizer = new TokenizerStamp(RequiredString(tokenizer, "name", path), RequiredString(tokenizer, "sha256", path)),
                ShardIndex = RequiredInt(root, "shard_index", path),
            };
        }
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, uint? value)
    {
        if (value is uint v)
            json.WriteNumber(name, v);
        else
            json.WriteNull(name);
    }

    private static string RequiredString(JsonElement obj, string name, string path) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw Bad(path, $"header key '{name}' is missing or not a string");

    private static int RequiredInt(JsonElement obj, string name, string path) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : throw Bad(path, $"header key '{name}' is missing or not a 32-bit integer");

    private static uint? OptionalId(JsonElement obj, string name, string path)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        return value.ValueKind == JsonValueKind.Number && value.TryGetUInt32(out var id)
            ? id
            : throw Bad(path, $"header key '{name}' is not a token id or null");
    }

    private static ShardFormatException Bad(string path, string problem) => new(path, null, problem);
}
