using System.Text.Json;
using System.Text.Json.Serialization;

namespace UltraLLaDA.Data.Cli.Commands;

/// <summary>
/// Reads a pipeline JSON file (pipelines/*.json): the pack command's settings under their flag names
/// in snake_case, e.g. <c>{"input": "...", "layout": "eod", "seq_len": 65536}</c>. Unknown keys are
/// errors, so a typo never silently falls back to a default. Relative paths are taken from the current
/// directory, like the same values given as flags.
/// </summary>
internal static class PipelineFile
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static PackSettings Read(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<PackSettings>(stream, Json) ?? new PackSettings();
        }
        catch (JsonException e)
        {
            throw new UsageException($"{path}: not a valid pipeline file: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{path}: cannot read the pipeline file: {e.Message}");
        }
    }
}
