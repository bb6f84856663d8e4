using System.Text.Json;
using System.Text.Json.Serialization;

namespace UltraLLaDA.Data.Output;

/// <summary>Reads and atomically writes <see cref="SplitManifest"/> files.</summary>
public static class ManifestFile
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static SplitManifest Read(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<SplitManifest>(stream, Json)
                ?? throw new InvalidDataException($"{path}: the manifest is empty (null).");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a valid manifest: {e.Message}", e);
        }
    }

    /// <summary>Writes to a temporary file, flushes it to disk and renames it over <paramref name="path"/>.</summary>
    public static void Write(string path, SplitManifest manifest)
    {
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, manifest, Json);
            stream.WriteByte((byte)'\n');
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
