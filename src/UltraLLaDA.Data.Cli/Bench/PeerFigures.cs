using System.Text.Json.Serialization;

namespace UltraLLaDA.Data.Cli.Bench;

/// <summary>One peer's speeds (MB/s of UTF-8 text), or the note saying why there are none.</summary>
internal sealed record PeerFigures
{
    [JsonPropertyName("note")]
    public string? Note { get; init; }

    [JsonPropertyName("one_thread_megabytes_per_second")]
    public double? OneThread { get; init; }

    [JsonPropertyName("batch_megabytes_per_second")]
    public double? Batch { get; init; }

    [JsonPropertyName("same_ids_on_probe")]
    public bool? SameIdsOnProbe { get; init; }
}
