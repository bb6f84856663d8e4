using System.Security.Cryptography;
using System.Text.Json;
using UltraLLaDA.Data.Tokenization.Bpe;
using UltraLLaDA.Data.Tokenization.Caching;
using UltraLLaDA.Data.Tokenization.HuggingFace;
using UltraLLaDA.Data.Tokenization.Tiktoken;

namespace UltraLLaDA.Data.Tokenization;

/// <summary>
/// Creates the tokenizer a job names: a Hugging Face tokenizer.json file, a folder holding one
/// (with an optional tokenizer_config.json), or a built-in name. Every failure is a
/// <see cref="TokenizerLoadException"/> whose message names the file and the problem.
/// </summary>
public static class TokenizerLoader
{
    /// <summary>The built-in tokenizer used when no tokenizer is named.</summary>
    public const string DefaultName = O200kBase.Name;

    /// <summary>Names accepted by <see cref="Load(string?, EodOverride?)"/> besides paths.</summary>
    public static IReadOnlyList<string> BuiltInNames { get; } = [O200kBase.Name, Utf8ByteTokenizer.Name];

    /// <summary>
    /// Loads the tokenizer <paramref name="fileOrName"/>: null or empty for the built-in default
    /// (<see cref="DefaultName"/>), a built-in name, a path to a tokenizer.json, or a folder that
    /// contains tokenizer.json. The returned instance is for one thread; call
    /// <see cref="ITextTokenizer.CreateWorker"/> for each other worker.
    /// </summary>
    /// <param name="fileOrName">What to load.</param>
    /// <param name="eodOverride">The EOD given explicitly; null to let the tokenizer's own tokens decide.</param>
    public static ITextTokenizer Load(string? fileOrName, EodOverride? eodOverride = null) =>
        Load(fileOrName, eodOverride, TokenizerCache.Default);

    /// <summary>
    /// As <see cref="Load(string?, EodOverride?)"/>, with compiled tokenizers kept in and taken from
    /// <paramref name="cache"/> (<see cref="TokenizerCache.Disabled"/> to always compile from the source).
    /// </summary>
    public static ITextTokenizer Load(string? fileOrName, EodOverride? eodOverride, TokenizerCache cache)
    {
        ArgumentNullException.ThrowIfNull(cache);
        if (string.IsNullOrWhiteSpace(fileOrName))
            fileOrName = DefaultName;
        if (fileOrName.Equals(Utf8ByteTokenizer.Name, StringComparison.OrdinalIgnoreCase))
            return LoadBytes(eodOverride);
        if (BuiltInNames.Contains(fileOrName, StringComparer.OrdinalIgnoreCase))
            return LoadBuiltIn(eodOverride, cache);

        var path = fileOrName;
        if (Directory.Exists(path))
        {
            path = Path.Combine(path, "tokenizer.json");
            if (!File.Exists(path))
                throw new TokenizerLoadException(fileOrName, "the folder has no tokenizer.json");
        }
        else if (!File.Exists(path))
        {
            var hint = fileOrName.Equals("cl100k_base", StringComparison.OrdinalIgnoreCase)
                ? " (cl100k_base is not built in: its data package is not referenced; give a tokenizer.json instead)"
                : "";
            throw new TokenizerLoadException(fileOrName, $"no such file or folder, and not a built-in tokenizer name ({string.Join(", ", BuiltInNames)}){hint}");
        }
        return LoadTokenizerJson(Path.GetFullPath(path), eodOverride, cache);
    }

    private static Utf8ByteTokenizer LoadBytes(EodOverride? eodOverride)
    {
        // Its ids are fixed; an override can only name the EOD it already has.
        if (eodOverride is { Id: int id } && id != Utf8ByteTokenizer.EodId)
            throw new TokenizerLoadException(Utf8ByteTokenizer.Name, $"its EOD is id {Utf8ByteTokenizer.EodId}; an EOD id of {id} cannot change that") { Setting = TokenizerSetting.EodId };
        if (eodOverride is { Token: { } token } && token != "<eod>")
            throw new TokenizerLoadException(Utf8ByteTokenizer.Name, $"its EOD is <eod> (id {Utf8ByteTokenizer.EodId}); the EOD token {token} names no token of it") { Setting = TokenizerSetting.EodToken };
        return new Utf8ByteTokenizer();
    }

    private static ByteLevelBpeTokenizer LoadBuiltIn(EodOverride? eodOverride, TokenizerCache cache)
    {
        var definition = O200kBase.CreateDefinition(cache, d =>
            EodSelector.Choose(O200kBase.Name, eodOverride, O200kBase.SpecialTokens, configEosToken: null, d.FindTokenId, d.TokenText));
        return new ByteLevelBpeTokenizer(definition);
    }

    private static ByteLevelBpeTokenizer LoadTokenizerJson(string path, EodOverride? eodOverride, TokenizerCache cache)
    {
        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
        }
        catch (IOException e)
        {
            throw new TokenizerLoadException(path, $"cannot be read ({e.Message})", e);
        }
        var folder = Path.GetDirectoryName(path) ?? ".";
        var name = Path.GetFileName(path) == "tokenizer.json" && Path.GetFileName(folder) is { Length: > 0 } folderName
            ? $"{folderName}/tokenizer.json"
            : Path.GetFileName(path);
        var provisional = new TokenizerInfo(name, Convert.ToHexStringLower(SHA256.HashData(content)), 0, null, null, "");
        var definition = TokenizerJsonReader.Read(path, content, provisional, cache);

        var eosToken = ReadConfigEosToken(Path.Combine(folder, "tokenizer_config.json"));
        var eod = EodSelector.Choose(path, eodOverride, definition.AddedTokenIds, eosToken, definition.FindTokenId, definition.TokenText);
        return new ByteLevelBpeTokenizer(definition with
        {
            Info = definition.Info with { EodId = eod.Id, EodToken = eod.Token, EodReason = eod.Reason, EodRule = eod.Rule },
        });
    }

    // eos_token is a string, or an AddedToken object {"content": ...} in older configs.
    private static string? ReadConfigEosToken(string configPath)
    {
        if (!File.Exists(configPath))
            return null;
        try
        {
            using var document = JsonDocument.Parse(TokenizerJsonReader.WithoutByteOrderMark(File.ReadAllBytes(configPath)));
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("eos_token", out var eos))
                return null;
            return eos.ValueKind switch
            {
                JsonValueKind.String => eos.GetString(),
                JsonValueKind.Object when eos.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String => content.GetString(),
                _ => null,
            };
        }
        catch (JsonException e)
        {
            throw new TokenizerLoadException(configPath, $"not valid JSON ({e.Message})", e);
        }
    }
}
