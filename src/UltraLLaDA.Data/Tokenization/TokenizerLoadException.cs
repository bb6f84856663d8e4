namespace UltraLLaDA.Data.Tokenization;

/// <summary>
/// A tokenizer could not be loaded: the file is missing, malformed, or uses a component this
/// library does not reproduce exactly; or, found only while encoding, its split pattern backtracks
/// catastrophically (see <see cref="Patterns.SplitRegex.MatchTimeout"/>), so the file cannot be used.
/// The message names the file (or tokenizer) and the component; it never names a command-line flag:
/// <see cref="Setting"/> says which caller setting was at fault, for the caller to word.
/// </summary>
public sealed class TokenizerLoadException : Exception
{
    public TokenizerLoadException()
    {
    }

    public TokenizerLoadException(string message)
        : base(message)
    {
    }

    public TokenizerLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for <paramref name="source"/> (a file path or a tokenizer name).</summary>
    public TokenizerLoadException(string source, string problem, Exception? innerException = null)
        : base($"{source}: {problem}", innerException)
    {
        Tokenizer = source;
    }

    /// <summary>The file path or tokenizer name that failed to load.</summary>
    public string? Tokenizer { get; }

    /// <summary>The caller's settings at fault (an explicit EOD id or token), or <see cref="TokenizerSetting.None"/> when the tokenizer itself is.</summary>
    public TokenizerSetting Setting { get; init; }
}
