namespace UltraLLaDA.Data.Tokenization.Patterns;

/// <summary>A split pattern uses an Oniguruma construct that cannot be reproduced exactly in .NET.</summary>
public sealed class UnsupportedPatternException : Exception
{
    public UnsupportedPatternException()
    {
    }

    public UnsupportedPatternException(string message)
        : base(message)
    {
    }

    public UnsupportedPatternException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public UnsupportedPatternException(string pattern, int position, string problem)
        : base($"cannot translate the Oniguruma pattern {Quote(pattern)} exactly: {problem} at offset {position}")
    {
        Pattern = pattern;
        Position = position;
    }

    /// <summary>The pattern as written in tokenizer.json.</summary>
    public string? Pattern { get; }

    /// <summary>Offset in <see cref="Pattern"/> of the construct that was refused.</summary>
    public int Position { get; }

    private static string Quote(string pattern) => System.Text.Json.JsonSerializer.Serialize(pattern);
}
