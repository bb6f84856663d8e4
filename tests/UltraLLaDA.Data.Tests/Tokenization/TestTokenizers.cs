using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using UltraLLaDA.Data.Tokenization;

using UltraLLaDA.Data.Tests.Support;

namespace UltraLLaDA.Data.Tests.Tokenization;

/// <summary>
/// Loads each tokenizer once per test run (the real files take a moment) and hands every test its
/// own worker, since an <see cref="ITextTokenizer"/> instance is single-threaded and xunit runs test
/// classes in parallel.
/// </summary>
internal static class TestTokenizers
{
    private static readonly ConcurrentDictionary<string, Lazy<ITextTokenizer>> _loaded = new();

    /// <summary>"o200k" is the embedded default; other names are folders under .tokenizers/ or variants.</summary>
    public static ITextTokenizer Get(string name) =>
        _loaded.GetOrAdd(name, n => new Lazy<ITextTokenizer>(() => Load(n))).Value.CreateWorker();

    private static ITextTokenizer Load(string name)
    {
        if (name == "o200k")
            return TokenizerLoader.Load(null);
        var variant = Variants.Find(name);
        return variant is null ? TokenizerLoader.Load(TestPaths.TokenizerJson(name)) : LoadVariant(variant);
    }

    // Applies the variant's dotted-path settings to its base tokenizer.json, as make-golden.mjs does.
    private static ITextTokenizer LoadVariant(JsonObject variant)
    {
        var json = JsonNode.Parse(File.ReadAllBytes(TestPaths.TokenizerJson((string)variant["base"]!)))!.AsObject();
        foreach (var (path, value) in variant["set"]!.AsObject())
        {
            var keys = path.Split('.');
            var target = json;
            foreach (var key in keys[..^1])
                target = target[key]!.AsObject();
            target[keys[^1]] = value?.DeepClone();
        }
        var folder = Directory.CreateTempSubdirectory("ulds-tokenizer-variant-");
        var file = Path.Combine(folder.FullName, "tokenizer.json");
        File.WriteAllText(file, json.ToJsonString());
        try
        {
            return TokenizerLoader.Load(file);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>TestData/tokenizers/variants.json.</summary>
    public static class Variants
    {
        private static readonly Lazy<JsonArray> _all = new(() =>
            JsonNode.Parse(File.ReadAllBytes(TestPaths.TokenizerTestData("variants.json")))!["variants"]!.AsArray());

        public static JsonObject? Find(string name) =>
            _all.Value.Select(v => v!.AsObject()).FirstOrDefault(v => (string)v["name"]! == name);

        public static IEnumerable<string> NamesFor(string baseName) =>
            _all.Value.Select(v => v!.AsObject()).Where(v => (string)v["base"]! == baseName).Select(v => (string)v["name"]!);
    }
}
