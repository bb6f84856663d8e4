namespace UltraLLaDA.Data.Tokenization;

/// <summary>
/// Chooses the document-end (EOD) token: an explicit override wins; else the first of the known
/// document-end tokens that the tokenizer has as an added/special token; else tokenizer_config.json's
/// <c>eos_token</c>, unless that token ends a chat turn rather than a document; else none.
/// </summary>
internal static class EodSelector
{
    /// <summary>Document-end tokens, most preferred first.</summary>
    public static readonly IReadOnlyList<string> DocumentEndTokens = ["<|endoftext|>", "<|end_of_text|>", "<｜end▁of▁sentence｜>", "</s>"];

    /// <summary>End-of-turn tokens of chat models: an instruct config's eos_token, but not the end of a document.</summary>
    public static readonly IReadOnlyList<string> TurnEndTokens = ["<|eot_id|>", "<|im_end|>", "<|eom_id|>", "<|end|>", "<end_of_turn>"];

    /// <param name="source">The tokenizer file or name, for error messages.</param>
    /// <param name="eodOverride">The EOD given explicitly, when it is.</param>
    /// <param name="specialTokens">The tokenizer's added/special tokens by content.</param>
    /// <param name="configEosToken">eos_token from tokenizer_config.json beside the file, when there is one.</param>
    /// <param name="findId">Finds the id of any token string (added tokens first, then the vocabulary).</param>
    /// <param name="tokenText">The string of a token id, or null when the id is not a token.</param>
    public static EodChoice Choose(
        string source,
        EodOverride? eodOverride,
        IReadOnlyDictionary<string, int> specialTokens,
        string? configEosToken,
        Func<string, int?> findId,
        Func<int, string?> tokenText)
    {
        if (eodOverride is { Id: not null } or { Token: not null })
            return ChooseOverride(source, eodOverride, findId, tokenText);

        foreach (var token in DocumentEndTokens)
        {
            if (specialTokens.TryGetValue(token, out var id))
                return new EodChoice(id, token, EodRule.SpecialToken, $"document-end token {token} (id {id}) found among the tokenizer's special tokens");
        }

        var alternatives = $"none of {string.Join(", ", DocumentEndTokens)} is a special token";
        if (configEosToken is not null)
        {
            if (TurnEndTokens.Contains(configEosToken))
                return new EodChoice(null, null, EodRule.None, $"no document-end token: {alternatives}, and eos_token {configEosToken} in tokenizer_config.json ends a chat turn, not a document; the EOD must be given explicitly");
            if (findId(configEosToken) is { } eosId)
                return new EodChoice(eosId, configEosToken, EodRule.ConfigEosToken, $"eos_token {configEosToken} (id {eosId}) from tokenizer_config.json, since {alternatives}");
            return new EodChoice(null, null, EodRule.None, $"no document-end token: {alternatives}, and eos_token {configEosToken} in tokenizer_config.json is not a token of this tokenizer; the EOD must be given explicitly");
        }
        return new EodChoice(null, null, EodRule.None, $"no document-end token: {alternatives} and there is no eos_token in a tokenizer_config.json; the EOD must be given explicitly");
    }

    private static EodChoice ChooseOverride(string source, EodOverride eodOverride, Func<string, int?> findId, Func<int, string?> tokenText)
    {
        int? tokenId = null;
        if (eodOverride.Token is { } token)
        {
            tokenId = findId(token)
                ?? throw new TokenizerLoadException(source, $"the EOD token {token} is not a token of this tokenizer") { Setting = TokenizerSetting.EodToken };
        }
        if (eodOverride.Id is { } id)
        {
            var text = tokenText(id)
                ?? throw new TokenizerLoadException(source, $"the EOD id {id} is not a token id of this tokenizer") { Setting = TokenizerSetting.EodId };
            if (tokenId is not null && tokenId != id)
                throw new TokenizerLoadException(source, $"the EOD id {id} and the EOD token {eodOverride.Token} (id {tokenId}) name different tokens") { Setting = TokenizerSetting.EodId | TokenizerSetting.EodToken };
            return new EodChoice(id, text, EodRule.ExplicitId, $"EOD id {id} given explicitly (token {text})");
        }
        return new EodChoice(tokenId, eodOverride.Token, EodRule.ExplicitToken, $"EOD token {eodOverride.Token} given explicitly (id {tokenId})");
    }
}
