namespace UltraLLaDA.Data.Tokenization;

/// <summary>The caller's tokenizer settings a <see cref="TokenizerLoadException"/> can be about, so a CLI can name its own options for them.</summary>
[Flags]
public enum TokenizerSetting
{
    /// <summary>Not about a caller's setting: the file or the tokenizer itself is at fault.</summary>
    None = 0,

    /// <summary>The explicit EOD id (<see cref="EodOverride.Id"/>).</summary>
    EodId = 1,

    /// <summary>The explicit EOD token (<see cref="EodOverride.Token"/>).</summary>
    EodToken = 2,
}
