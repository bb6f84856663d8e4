using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using UltraLLaDA.Data.Tokenization.Bpe;
using UltraLLaDA.Data.Tokenization.Caching;
using UltraLLaDA.Data.Tokenization.PreTokenization;

namespace UltraLLaDA.Data.Tokenization.Tiktoken;

/// <summary>
/// OpenAI's o200k_base (GPT-4o), built from the vocabulary embedded in the
/// Microsoft.ML.Tokenizers.Data.O200kBase package, so a job runs with no tokenizer file.
/// <para>
/// It runs on this library's own byte-level BPE rather than Microsoft.ML.Tokenizers'
/// TiktokenTokenizer: that one turns "&lt;|endoftext|&gt;" inside the text into the special id
/// 199999, keeps its cache behind a lock, and would give a second code path to test. tiktoken's rule
/// "merge the adjacent pair whose concatenation has the lowest rank, and emit a piece that is
/// itself a token directly" is expressed as merge rules: every split of a token into two tokens
/// is a rule whose priority is the token's rank, with <c>ignore_merges</c> on.
/// </para>
/// <para>
/// Fingerprint: SHA-256 of the decompressed embedded resource <c>o200k_base.tiktoken.deflate</c>
/// (the base64 tokens in rank order, one per line, after a "Capacity" line), which is fixed for a
/// given package version.
/// </para>
/// </summary>
internal static class O200kBase
{
    public const string Name = "o200k_base";

    /// <summary>tiktoken's o200k_base split pattern (OpenAI tiktoken_ext/openai_public.py).</summary>
    public const string Pattern =
        @"[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?"
        + @"|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?"
        + @"|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    private const string DataAssembly = "Microsoft.ML.Tokenizers.Data.O200kBase";
    private const string DataResource = "o200k_base.tiktoken.deflate";

    /// <summary>Special tokens of o200k_base (tiktoken).</summary>
    public static readonly IReadOnlyDictionary<string, int> SpecialTokens = new Dictionary<string, int>
    {
        ["<|endoftext|>"] = 199999,
        ["<|endofprompt|>"] = 200018,
    };

    private static readonly Lock _gate = new();
    private static (BpeVocabulary Vocabulary, byte[]?[] Tokens, string Sha256)? _data;

    /// <summary>
    /// The shared definition, with the EOD token that <paramref name="chooseEod"/> picks recorded in
    /// its info. The first call in a process builds the vocabulary, taking it from
    /// <paramref name="cache"/> when it holds it.
    /// </summary>
    public static ByteLevelBpeDefinition CreateDefinition(TokenizerCache cache, Func<ByteLevelBpeDefinition, EodChoice> chooseEod)
    {
        (BpeVocabulary, byte[]?[], string) data;
        lock (_gate)
            data = _data ??= LoadData(cache);
        var (vocabulary, tokens, sha256) = data;
        var stage = new RegexSplitStage(Patterns.SplitRegex.Create(Pattern, new Patterns.PatternOrigin(Name, "pre_tokenizer", Pattern)), SplitBehavior.Removed, invert: true);
        var added = SpecialTokens.ToDictionary(pair => pair.Value, pair => pair.Key);
        var definition = new ByteLevelBpeDefinition
        {
            Info = new TokenizerInfo(Name, sha256, SpecialTokens.Values.Max() + 1, null, null, ""),
            Vocabulary = vocabulary,
            Stages = [stage],
            DecodeBytes = tokens,
            AddedTokens = added,
            AddedTokenIds = SpecialTokens,
        };
        var eod = chooseEod(definition);
        return definition with { Info = definition.Info with { EodId = eod.Id, EodToken = eod.Token, EodReason = eod.Reason, EodRule = eod.Rule } };
    }

    private static (BpeVocabulary, byte[]?[], string) LoadData(TokenizerCache cache)
    {
        var raw = ReadResource();
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(raw));
        CompiledBpeModel model;
        if (cache.Covers(raw.Length) && cache.TryRead(sha256, out var entry) == CacheLookup.Hit)
        {
            model = entry!.Model;
        }
        else
        {
            model = Compile(raw);
            if (cache.Covers(raw.Length))
                cache.Write(sha256, new CompiledTokenizer([], model));
        }
        return (model.CreateVocabulary(), model.DecodeBytes, sha256);
    }

    private static CompiledBpeModel Compile(byte[] raw)
    {
        var lines = Encoding.ASCII.GetString(raw).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0 || !lines[0].StartsWith("Capacity:", StringComparison.Ordinal))
            throw new TokenizerLoadException(Name, $"the embedded {DataResource} does not start with a Capacity line; the data package format changed");

        // Rank = id = line index after the header; ids 199998 and 199999.. are left to special tokens.
        var tokens = new byte[]?[SpecialTokens.Values.Max() + 1];
        for (var rank = 0; rank < lines.Length - 1; rank++)
            tokens[rank] = Convert.FromBase64String(lines[rank + 1].Trim());

        var rules = new List<(int, int, int, int)>();
        var ids = new Dictionary<byte[], int>(ByteSequenceComparer.Instance);
        for (var id = 0; id < lines.Length - 1; id++)
            ids.TryAdd(tokens[id]!, id);
        var lookup = ids.GetAlternateLookup<ReadOnlySpan<byte>>();
        for (var id = 0; id < lines.Length - 1; id++)
        {
            var token = tokens[id]!.AsSpan();
            for (var cut = 1; cut < token.Length; cut++)
            {
                if (lookup.TryGetValue(token[..cut], out var left) && lookup.TryGetValue(token[cut..], out var right))
                    rules.Add((left, right, id, id));
            }
        }

        var lookupTokens = (byte[]?[])tokens.Clone();
        foreach (var (content, id) in SpecialTokens)
            tokens[id] = Encoding.UTF8.GetBytes(content);
        return new CompiledBpeModel(lookupTokens, tokens, [], rules, IgnoreMerges: true);
    }

    private static byte[] ReadResource()
    {
        var assembly = Assembly.Load(new AssemblyName(DataAssembly));
        using var compressed = assembly.GetManifestResourceStream(DataResource)
            ?? throw new TokenizerLoadException(Name, $"{DataAssembly} has no resource {DataResource}");
        using var inflated = new DeflateStream(compressed, CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        inflated.CopyTo(buffer);
        return buffer.ToArray();
    }
}
