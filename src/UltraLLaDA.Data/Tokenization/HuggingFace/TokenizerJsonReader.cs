using System.Text;
using System.Text.Json;
using UltraLLaDA.Data.Tokenization.Bpe;
using UltraLLaDA.Data.Tokenization.Caching;
using UltraLLaDA.Data.Tokenization.Normalization;
using UltraLLaDA.Data.Tokenization.Patterns;
using UltraLLaDA.Data.Tokenization.PreTokenization;

namespace UltraLLaDA.Data.Tokenization.HuggingFace;

/// <summary>
/// Reads a Hugging Face tokenizer.json that describes a byte-level BPE tokenizer and refuses,
/// naming the component, anything whose ids it could not reproduce exactly. Supported:
/// normalizer null / NFC / NFD / Sequence of them; pre_tokenizer Split (Regex or String pattern,
/// behavior Isolated or Removed, invert), ByteLevel (add_prefix_space, use_regex), Sequence; model BPE
/// (merges as "a b" or ["a","b"], ignore_merges) with no byte_fallback, dropout, or subword
/// affixes; decoder null or ByteLevel; added tokens. The post_processor is ignored: documents are
/// encoded without added special tokens.
/// </summary>
internal sealed class TokenizerJsonReader
{
    // HF ByteLevel's own split pattern (use_regex = true), the GPT-2 pattern.
    private const string ByteLevelPattern = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    // Ids index arrays; a larger one is a corrupt file, not a vocabulary (the largest real ones are ~260k).
    private const int MaxTokenId = 16_777_215;

    private readonly string _path;

    private TokenizerJsonReader(string path) => _path = path;

    /// <summary>
    /// Reads <paramref name="path"/>; <paramref name="info"/> is the provisional info to store, and
    /// its SHA-256 the key under which <paramref name="cache"/> keeps the compiled model. On a cache
    /// hit only the small rest of the file (every component but the vocabulary and merges) is
    /// parsed and checked again; the vocabulary and merges come compiled from the cache.
    /// </summary>
    public static ByteLevelBpeDefinition Read(string path, byte[] content, TokenizerInfo info, TokenizerCache cache)
    {
        var reader = new TokenizerJsonReader(path);
        var cacheable = cache.Covers(content.Length);
        var cached = cacheable && cache.TryRead(info.Sha256, out var entry) == CacheLookup.Hit ? entry : null;
        using var document = Parse(path, cached is null ? WithoutByteOrderMark(content) : cached.RestJson);
        try
        {
            var definition = reader.Read(document.RootElement, info, cached?.Model, out var compiled);
            if (cached is null && cacheable)
                cache.Write(info.Sha256, new CompiledTokenizer(WithoutVocabularyAndMerges(document.RootElement), compiled));
            return definition;
        }
        catch (InvalidOperationException e)
        {
            // GetString/GetInt32 and friends on an element of the wrong kind.
            throw new TokenizerLoadException(path, $"unexpected JSON structure ({e.Message})", e);
        }
        catch (FormatException e)
        {
            throw new TokenizerLoadException(path, $"unexpected JSON value ({e.Message})", e);
        }
    }

    private static JsonDocument Parse(string path, ReadOnlyMemory<byte> json)
    {
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            throw new TokenizerLoadException(path, $"not valid JSON ({e.Message})", e);
        }
    }

    // The file as it is, less the two big members of "model"; what the cache keeps besides the compiled model.
    private static byte[] WithoutVocabularyAndMerges(JsonElement root)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in root.EnumerateObject())
            {
                if (property.Name != "model" || property.Value.ValueKind != JsonValueKind.Object)
                {
                    property.WriteTo(writer);
                    continue;
                }
                writer.WriteStartObject(property.Name);
                // A model without "type" is taken for BPE by its merges, which are left out here: say it.
                if (Optional(property.Value, "type") is null)
                    writer.WriteString("type", "BPE");
                foreach (var option in property.Value.EnumerateObject())
                {
                    if (option.Name is not ("vocab" or "merges" or "type") || (option.Name == "type" && option.Value.ValueKind != JsonValueKind.Null))
                        option.WriteTo(writer);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>The JSON text without a leading UTF-8 byte order mark, which System.Text.Json rejects.</summary>
    public static ReadOnlyMemory<byte> WithoutByteOrderMark(byte[] content) =>
        content.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? content.AsMemory(3) : content;

    private ByteLevelBpeDefinition Read(JsonElement root, TokenizerInfo info, CompiledBpeModel? cached, out CompiledBpeModel compiled)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw Refuse("the top level is not a JSON object");
        var model = Required(root, "model");
        CheckModelKind(model);
        var normalizer = ReadNormalizer(Optional(root, "normalizer"));
        var stages = new List<PreTokenizerStage>();
        var sawByteLevel = false;
        ReadPreTokenizer(Optional(root, "pre_tokenizer"), stages, ref sawByteLevel);
        if (!sawByteLevel)
            throw Refuse("the pre_tokenizer has no ByteLevel component, so the vocabulary is not byte-level BPE (only byte-level BPE tokenizers are supported)");
        ReadDecoder(Optional(root, "decoder"));

        compiled = cached ?? ReadModel(model);
        BpeVocabulary vocabulary;
        try
        {
            vocabulary = compiled.CreateVocabulary();
        }
        catch (InvalidDataException e)
        {
            throw Refuse($"model: {e.Message}");
        }
        var decodeBytes = compiled.DecodeBytes;
        var (addedById, addedByContent) = ReadAddedTokens(Optional(root, "added_tokens"));
        var maxId = Math.Max(decodeBytes.Length - 1, addedById.Count == 0 ? -1 : addedById.Keys.Max());
        return new ByteLevelBpeDefinition
        {
            Info = info with { VocabSize = maxId + 1 },
            Vocabulary = vocabulary,
            Normalizer = normalizer,
            Stages = stages,
            DecodeBytes = decodeBytes,
            AddedTokens = addedById,
            AddedTokenIds = addedByContent,
            VerbatimTokenIds = compiled.VerbatimById(),
        };
    }

    private ITextNormalizer? ReadNormalizer(JsonElement? element)
    {
        if (element is not { } normalizer)
            return null;
        var type = TypeOf(normalizer, "normalizer");
        switch (type)
        {
            case "NFC":
                return NfcNormalizer.Instance;
            case "NFD":
                return NfdNormalizer.Instance;
            case "Sequence":
                var parts = new List<ITextNormalizer>();
                foreach (var part in Required(normalizer, "normalizers").EnumerateArray())
                {
                    if (ReadNormalizer(part) is { } read)
                        parts.Add(read);
                }
                return new SequenceNormalizer(parts);
            default:
                throw Refuse($"unsupported normalizer component '{type}' (supported: NFC, NFD, Sequence)");
        }
    }

    private void ReadPreTokenizer(JsonElement? element, List<PreTokenizerStage> stages, ref bool sawByteLevel)
    {
        if (element is not { } preTokenizer)
            return;
        var type = TypeOf(preTokenizer, "pre_tokenizer");
        switch (type)
        {
            case "Sequence":
                foreach (var part in Required(preTokenizer, "pretokenizers").EnumerateArray())
                    ReadPreTokenizer(part, stages, ref sawByteLevel);
                return;
            case "Split":
                stages.Add(ReadSplit(preTokenizer));
                return;
            case "ByteLevel":
                sawByteLevel = true;
                if (Bool(preTokenizer, "add_prefix_space", false))
                    stages.Add(new PrefixSpaceStage());
                if (Bool(preTokenizer, "use_regex", true))
                    stages.Add(new RegexSplitStage(CreateRegex(ByteLevelPattern, "ByteLevel"), SplitBehavior.Isolated, invert: false));
                return;
            default:
                throw Refuse($"unsupported pre_tokenizer component '{type}' (supported: Split, ByteLevel, Sequence)");
        }
    }

    private RegexSplitStage ReadSplit(JsonElement split)
    {
        var pattern = Required(split, "pattern");
        string source;
        if (Optional(pattern, "Regex") is { } regex)
            source = regex.GetString() ?? throw Refuse("Split pattern Regex is null");
        else if (Optional(pattern, "String") is { } literal)
            source = EscapeLiteral(literal.GetString() ?? throw Refuse("Split pattern String is null"));
        else
            throw Refuse("Split pattern is neither {\"Regex\": ...} nor {\"String\": ...}");

        var behaviorName = Required(split, "behavior").GetString();
        var behavior = behaviorName switch
        {
            "Isolated" => SplitBehavior.Isolated,
            "Removed" => SplitBehavior.Removed,
            _ => throw Refuse($"unsupported Split behavior '{behaviorName}' (supported: Isolated, Removed)"),
        };
        return new RegexSplitStage(CreateRegex(source, "Split"), behavior, Bool(split, "invert", false));
    }

    private SplitRegex CreateRegex(string source, string component)
    {
        try
        {
            return SplitRegex.Create(source, new PatternOrigin(_path, $"pre_tokenizer {component}", source));
        }
        catch (UnsupportedPatternException e)
        {
            throw new TokenizerLoadException(_path, $"pre_tokenizer {component}: {e.Message}", e);
        }
    }

    // A Split "String" pattern matches itself literally: escape everything but letters and digits.
    private static string EscapeLiteral(string literal)
    {
        var builder = new StringBuilder(literal.Length * 2);
        foreach (var c in literal)
        {
            if (!char.IsAsciiLetterOrDigit(c))
                builder.Append('\\');
            builder.Append(c);
        }
        return builder.ToString();
    }

    private void ReadDecoder(JsonElement? element)
    {
        if (element is not { } decoder)
            return;
        var type = TypeOf(decoder, "decoder");
        if (type != "ByteLevel")
            throw Refuse($"unsupported decoder component '{type}' (supported: ByteLevel)");
    }

    // Checked before anything else, so that e.g. a WordPiece file is refused for its model, not for
    // its BERT pre-tokenizer.
    private void CheckModelKind(JsonElement model)
    {
        var type = Optional(model, "type")?.GetString() ?? (Optional(model, "merges") is not null ? "BPE" : "unknown");
        if (type != "BPE")
            throw Refuse($"unsupported model type '{type}' (only byte-level BPE is supported)");
        if (Bool(model, "byte_fallback", false))
            throw Refuse("unsupported model option byte_fallback = true (byte-level BPE never needs it)");
        if (Optional(model, "dropout") is { } dropout && dropout.GetDouble() != 0)
            throw Refuse("unsupported model option dropout (BPE dropout is random)");
        foreach (var affix in (string[])["continuing_subword_prefix", "end_of_word_suffix"])
        {
            if (Optional(model, affix) is { } value && !string.IsNullOrEmpty(value.GetString()))
                throw Refuse($"unsupported model option {affix} = \"{value.GetString()}\"");
        }
    }

    private CompiledBpeModel ReadModel(JsonElement model)
    {
        var vocab = Required(model, "vocab");
        if (vocab.ValueKind != JsonValueKind.Object)
            throw Refuse("model.vocab is not an object of token -> id");
        var idsByString = new Dictionary<string, int>();
        var maxId = -1;
        foreach (var entry in vocab.EnumerateObject())
        {
            var id = entry.Value.GetInt32();
            if (id < 0 || id > MaxTokenId)
                throw Refuse($"model.vocab gives token {entry.Name} the id {id}, outside 0..{MaxTokenId}");
            idsByString.TryAdd(entry.Name, id);
            maxId = Math.Max(maxId, id);
        }

        var lookupBytes = new byte[]?[maxId + 1];
        var decodeBytes = new byte[]?[maxId + 1];
        var verbatim = new List<KeyValuePair<string, int>>();
        var verbatimSeen = new HashSet<string>();
        foreach (var (token, id) in idsByString)
        {
            if (ByteLevelAlphabet.TryDecode(token, out var bytes))
            {
                lookupBytes[id] ??= bytes;
                decodeBytes[id] ??= bytes;
            }
            else
            {
                // HF's ByteLevel decoder falls back to the string itself for such a token.
                decodeBytes[id] ??= Encoding.UTF8.GetBytes(token);
                if (verbatimSeen.Add(token))
                    verbatim.Add(new(token, id));
            }
        }

        var rules = ReadMerges(Required(model, "merges"), idsByString);
        return new CompiledBpeModel(lookupBytes, decodeBytes, verbatim, rules, Bool(model, "ignore_merges", false));
    }

    private List<(int Left, int Right, int Priority, int Result)> ReadMerges(JsonElement merges, Dictionary<string, int> ids)
    {
        if (merges.ValueKind != JsonValueKind.Array)
            throw Refuse("model.merges is not an array");
        var rules = new List<(int, int, int, int)>(merges.GetArrayLength());
        var rank = 0;
        foreach (var merge in merges.EnumerateArray())
        {
            string left, right;
            if (merge.ValueKind == JsonValueKind.String)
            {
                var parts = merge.GetString()!.Split(' ');
                if (parts.Length != 2)
                    throw Refuse($"model.merges[{rank}] \"{merge.GetString()}\" is not two tokens separated by one space");
                (left, right) = (parts[0], parts[1]);
            }
            else if (merge.ValueKind == JsonValueKind.Array && merge.GetArrayLength() == 2)
            {
                left = merge[0].GetString()!;
                right = merge[1].GetString()!;
            }
            else
            {
                throw Refuse($"model.merges[{rank}] is neither \"a b\" nor [\"a\", \"b\"]");
            }
            if (!ids.TryGetValue(left, out var leftId) || !ids.TryGetValue(right, out var rightId) || !ids.TryGetValue(left + right, out var resultId))
                throw Refuse($"model.merges[{rank}] ({left} {right}) uses a token that is not in model.vocab");
            rules.Add((leftId, rightId, rank, resultId));
            rank++;
        }
        return rules;
    }

    private (Dictionary<int, string> ById, Dictionary<string, int> ByContent) ReadAddedTokens(JsonElement? element)
    {
        var byId = new Dictionary<int, string>();
        var byContent = new Dictionary<string, int>();
        if (element is not { } added)
            return (byId, byContent);
        foreach (var token in added.EnumerateArray())
        {
            var id = Required(token, "id").GetInt32();
            if (id < 0 || id > MaxTokenId)
                throw Refuse($"added token id {id} is outside 0..{MaxTokenId}");
            var content = Required(token, "content").GetString() ?? throw Refuse("an added token has null content");
            byId[id] = content;
            byContent.TryAdd(content, id);
        }
        return (byId, byContent);
    }

    private string TypeOf(JsonElement component, string kind)
    {
        if (component.ValueKind != JsonValueKind.Object)
            throw Refuse($"{kind} is not a JSON object");
        return Optional(component, "type")?.GetString() ?? throw Refuse($"{kind} has no \"type\"");
    }

    private JsonElement Required(JsonElement element, string name)
    {
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
            return value;
        throw Refuse($"missing \"{name}\"");
    }

    private static JsonElement? Optional(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static bool Bool(JsonElement element, string name, bool fallback) =>
        Optional(element, name) is { } value ? value.GetBoolean() : fallback;

    private TokenizerLoadException Refuse(string problem) => new(_path, problem);
}
