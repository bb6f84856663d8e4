using System.Security.Cryptography;
using System.Text.Json;

namespace UltraLLaDA.Data.Evaluation.LongBench;

/// <summary>
/// Reads LongBench's published <c>DATASET.jsonl</c> (data.zip on Hugging Face THUDM/LongBench): one JSON object a
/// line with input, context, answers, length, dataset, language, all_classes and _id. A bad row is refused naming
/// the file, the line (1 is the first) and the field at fault; blank lines are skipped.
/// </summary>
public static class LongBenchFileReader
{
    public static async Task<LongBenchFile> ReadAsync(string path, LongBenchDataset dataset, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(dataset);
        if (!File.Exists(path))
            throw new EvalSetException($"{path}: not found");
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var rows = new List<LongBenchRow>();
        ReadOnlyMemory<byte> memory = bytes;
        if (memory.Span.StartsWith("\uFEFF"u8))
            memory = memory[3..];
        var line = 0;
        while (memory.Length > 0)
        {
            line++;
            var end = memory.Span.IndexOf((byte)'\n');
            var text = end < 0 ? memory : memory[..end];
            memory = end < 0 ? ReadOnlyMemory<byte>.Empty : memory[(end + 1)..];
            if (text.Span.Trim(" \t\r"u8).IsEmpty)
                continue;
            rows.Add(ReadRow(path, line, text, dataset));
        }

        if (rows.Count == 0)
            throw new EvalSetException($"{path}: holds no rows");
        return new LongBenchFile(path, sha, rows);
    }

    private static LongBenchRow ReadRow(string path, int line, ReadOnlyMemory<byte> text, LongBenchDataset dataset)
    {
        var where = $"{path}:{line}";
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new EvalSetException($"{where}: not valid JSON: {e.Message}", e);
        }

        using (json)
        {
            var row = json.RootElement;
            if (row.ValueKind != JsonValueKind.Object)
                throw new EvalSetException($"{where}: not a JSON object (a LongBench row is {{\"input\": ..., \"context\": ..., \"answers\": [...], ...}})");
            var answers = Strings(row, "answers", where) ?? throw new EvalSetException($"{where}: field \"answers\" is null, not a list of strings");
            if (answers.Count == 0)
                throw new EvalSetException($"{where}: field \"answers\" is empty (a row needs at least one reference answer)");
            var classes = Strings(row, "all_classes", where);
            if (classes is not { Count: > 0 } && dataset.Metric == LongBenchMetricNames.Classification)
                throw new EvalSetException($"{where}: field \"all_classes\" is {(classes is null ? "null" : "empty")}; {dataset.Name} is scored by {LongBenchMetricNames.Classification} against its class list");
            var length = Field(row, "length", where, JsonValueKind.Number, "an integer");
            if (!length.TryGetInt32(out var words) || words < 0)
                throw new EvalSetException($"{where}: field \"length\" is {length.GetRawText()}, not a non-negative integer");
            var name = String(row, "dataset", where);
            if (!string.Equals(name, dataset.Name, StringComparison.Ordinal))
                throw new EvalSetException($"{where}: field \"dataset\" is '{name}', but the file is {dataset.Name}'s");
            return new LongBenchRow(line, String(row, "input", where), String(row, "context", where), answers, classes, words, name, String(row, "language", where), String(row, "_id", where));
        }
    }

    private static JsonElement Field(JsonElement row, string name, string where, JsonValueKind kind, string what)
    {
        if (!row.TryGetProperty(name, out var value))
            throw new EvalSetException($"{where}: field \"{name}\" is missing");
        if (value.ValueKind != kind)
            throw new EvalSetException($"{where}: field \"{name}\" is {Describe(value)}, not {what}");
        return value;
    }

    private static string String(JsonElement row, string name, string where) => Field(row, name, where, JsonValueKind.String, "a string").GetString()!;

    /// <summary>A list of strings, or null for JSON null.</summary>
    private static List<string>? Strings(JsonElement row, string name, string where)
    {
        if (!row.TryGetProperty(name, out var value))
            throw new EvalSetException($"{where}: field \"{name}\" is missing");
        if (value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind != JsonValueKind.Array)
            throw new EvalSetException($"{where}: field \"{name}\" is {Describe(value)}, not a list of strings");
        var list = new List<string>();
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
                throw new EvalSetException($"{where}: field \"{name}\"[{i}] is {Describe(item)}, not a string");
            list.Add(item.GetString()!);
            i++;
        }

        return list;
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        _ => value.ValueKind.ToString(),
    };
}
