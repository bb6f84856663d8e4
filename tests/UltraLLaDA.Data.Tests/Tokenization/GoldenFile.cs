using System.Text.Json;
using System.Text.Json.Serialization;

using UltraLLaDA.Data.Tests.Support;

namespace UltraLLaDA.Data.Tests.Tokenization;

/// <summary>One TestData/tokenizers/&lt;name&gt;.golden.json, written by tools/golden/make-golden.mjs.</summary>
internal sealed class GoldenFile
{
    private static readonly JsonSerializerOptions _options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public required string Tokenizer { get; init; }

    public required string TokenizerSha256 { get; init; }

    public required List<GoldenCase> Cases { get; init; }

    public required List<GoldenDecode> Decode { get; init; }

    public required List<GoldenVariant> Variants { get; init; }

    public GoldenChunk? SampleChunk { get; init; }

    public required List<GoldenBook> Books { get; init; }

    public static GoldenFile Load(string name) =>
        JsonSerializer.Deserialize<GoldenFile>(File.ReadAllBytes(TestPaths.TokenizerTestData($"{name}.golden.json")), _options)
        ?? throw new InvalidDataException($"{name}.golden.json is empty");
}

internal sealed record GoldenCase(string Name, string? Text, uint[] Ids);

internal sealed record GoldenDecode(uint[] Ids, string Text);

internal sealed record GoldenVariant(string Name, List<GoldenCase> Cases);

internal sealed record GoldenChunk(string File, [property: JsonPropertyName("max_chars")] int MaxChars, int Chars, uint[] Ids);

internal sealed record GoldenBook(string File, int Chars, int Count, string Sha256);
