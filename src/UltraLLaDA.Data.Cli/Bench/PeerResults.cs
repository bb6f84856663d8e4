using System.Text.Json.Serialization;

namespace UltraLLaDA.Data.Cli.Bench;

/// <summary>The peers' figures as peers.mjs prints them.</summary>
internal sealed record PeerResults
{
    [JsonPropertyName("megabytes")]
    public double Megabytes { get; init; }

    [JsonPropertyName("hugging_face")]
    public PeerFigures HuggingFace { get; init; } = new();

    [JsonPropertyName("tiktoken")]
    public PeerFigures Tiktoken { get; init; } = new();

    public static PeerResults Skipped(string note) => new() { HuggingFace = new() { Note = note }, Tiktoken = new() { Note = note } };
}
