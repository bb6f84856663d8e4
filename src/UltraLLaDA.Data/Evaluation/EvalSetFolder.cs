using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using UltraLLaDA.Data.Output;

namespace UltraLLaDA.Data.Evaluation;

/// <summary>
/// The files of a set folder: <c>len-&lt;L&gt;/&lt;kind&gt;-&lt;L&gt;.ulds</c> per length and the index, written last
/// and atomically, so that a folder with an index is a whole set and a crash leaves no index at all.
/// </summary>
internal static class EvalSetFolder
{
    public static JsonSerializerOptions Json { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The JSONL form: one compact object per line.</summary>
    public static JsonSerializerOptions JsonLine { get; } = new(Json) { WriteIndented = false };

    public static string LengthFolder(int length) => string.Create(CultureInfo.InvariantCulture, $"len-{length}");

    public static string ShardPath(string kind, int length) => $"{LengthFolder(length)}/{kind}-{length.ToString(CultureInfo.InvariantCulture)}.ulds";

    /// <summary>
    /// Makes <paramref name="output"/> ready for a new set: refuses a folder that already holds files unless
    /// <paramref name="overwrite"/>, in which case the old index goes first (the folder stops being a set at once),
    /// then the old length folders.
    /// </summary>
    public static void Prepare(string output, IReadOnlyList<string> indexFiles, bool overwrite)
    {
        if (File.Exists(output))
            throw new EvalSetException(EvalSetting.Output, $" {output} is a file, not a folder");
        if (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any())
        {
            if (!overwrite)
                throw new EvalSetException(EvalSetting.Output, $" {output} is not empty (it holds an earlier set or other files); a set there can only be replaced", EvalSetting.Overwrite);
            foreach (var index in indexFiles)
                FileSystemSteps.Current.Delete(Path.Combine(output, index));
            foreach (var folder in Directory.EnumerateDirectories(output, "len-*"))
                Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(output);
    }

    /// <summary>Writes to a temporary name, flushes to disk and renames into place.</summary>
    public static void WriteAtomically(string path, ReadOnlySpan<byte> content)
    {
        var steps = FileSystemSteps.Current;
        var temporary = path + ".partial";
        using (var stream = steps.Create(temporary, FileShare.None, 1))
        {
            stream.Write(content);
            steps.FlushToDisk(stream);
        }

        steps.Move(temporary, path);
    }

    public static void WriteJson<T>(string path, T value)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, Json);
        WriteAtomically(path, [.. bytes, (byte)'\n']);
    }

    public static void WriteJsonLines<T>(string path, IEnumerable<T> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows)
            text.Append(JsonSerializer.Serialize(row, JsonLine)).Append('\n');
        WriteAtomically(path, Encoding.UTF8.GetBytes(text.ToString()));
    }

    public static T ReadJson<T>(string path)
    {
        if (!File.Exists(path))
            throw new EvalSetException($"{path}: not found (is this a set folder made by ultrallada-data make-eval, and did the job finish?)");
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllBytes(path), Json) ?? throw new EvalSetException($"{path}: empty (null)");
        }
        catch (JsonException e)
        {
            throw new EvalSetException($"{path}: not a valid set index: {e.Message}", e);
        }
    }

    public static List<T> ReadJsonLines<T>(string path)
    {
        if (!File.Exists(path))
            throw new EvalSetException($"{path}: not found (is this a set folder made by ultrallada-data make-eval, and did the job finish?)");
        var rows = new List<T>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Length == 0)
                continue;
            try
            {
                rows.Add(JsonSerializer.Deserialize<T>(line, Json) ?? throw new EvalSetException($"{path}:{number}: null row"));
            }
            catch (JsonException e)
            {
                throw new EvalSetException($"{path}:{number}: not a valid row: {e.Message}", e);
            }
        }

        return rows;
    }
}
