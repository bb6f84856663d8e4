using System.Text.Json.Nodes;

using UltraLLaDA.Data.Tests.Support;

namespace UltraLLaDA.Data.Tests.Tokenization;

/// <summary>
/// A temporary folder holding TestData/tokenizers/tiny.tokenizer.json (256 byte tokens, a few merges,
/// one added token) as tokenizer.json, edited by the test, with an optional tokenizer_config.json.
/// </summary>
internal sealed class TinyTokenizerFolder : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ulds-tiny-tokenizer-");

    public TinyTokenizerFolder(Action<JsonObject>? edit = null, string? config = null)
    {
        var json = JsonNode.Parse(File.ReadAllText(TestPaths.TokenizerTestData("tiny.tokenizer.json")))!.AsObject();
        edit?.Invoke(json);
        File.WriteAllText(TokenizerJson, json.ToJsonString());
        if (config is not null)
            File.WriteAllText(System.IO.Path.Combine(Path, "tokenizer_config.json"), config);
    }

    public string Path => _folder.FullName;

    public string TokenizerJson => System.IO.Path.Combine(Path, "tokenizer.json");

    /// <summary>Replaces the added tokens by <paramref name="contents"/>, with ids from 263 up.</summary>
    public static Action<JsonObject> WithAddedTokens(params string[] contents) => json =>
        json["added_tokens"] = new JsonArray(contents.Select((content, i) => (JsonNode)new JsonObject
        {
            ["id"] = 263 + i,
            ["content"] = content,
            ["special"] = true,
        }).ToArray());

    public void Dispose() => _folder.Delete(recursive: true);
}
