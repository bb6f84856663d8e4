using UltraLLaDA.Data.Tokenization;

namespace UltraLLaDA.Data.Cli.Commands;

/// <summary>
/// The CLI's words for the tokenizer library's typed outcomes: which flag set the EOD setting at fault,
/// and which flags give an EOD when the tokenizer's own tokens chose none. The library never names flags.
/// </summary>
internal static class TokenizerErrorAdvice
{
    /// <summary>The error line for <paramref name="e"/>: its message, and the flags behind the setting it is about.</summary>
    public static string Describe(TokenizerLoadException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Setting switch
        {
            TokenizerSetting.None => e.Message,
            TokenizerSetting.EodId => $"{e.Message} (--eod-id)",
            TokenizerSetting.EodToken => $"{e.Message} (--eod-token)",
            _ => $"{e.Message} (--eod-id and --eod-token)",
        };
    }

    /// <summary>Why the EOD is what it is, as the pack summary prints it, naming the flag that set it or would set it.</summary>
    public static string EodReason(TokenizerInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return info.EodRule switch
        {
            EodRule.ExplicitId => $"--eod-id {info.EodId} given explicitly (token {info.EodToken})",
            EodRule.ExplicitToken => $"--eod-token {info.EodToken} given explicitly (id {info.EodId})",
            EodRule.None => $"{info.EodReason}: pass --eod-id or --eod-token",
            _ => info.EodReason,
        };
    }
}
