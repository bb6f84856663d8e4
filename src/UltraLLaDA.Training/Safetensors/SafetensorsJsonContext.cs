using System.Text.Json.Serialization;

namespace UltraLLaDA.Training.Safetensors;

/// <summary>Source-generated JSON for the safetensors header (trimming- and AOT-safe).</summary>
[JsonSerializable(typeof(Dictionary<string, object>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
[JsonSerializable(typeof(long[]))]
[JsonSerializable(typeof(string))]
internal sealed partial class SafetensorsJsonContext : JsonSerializerContext;
