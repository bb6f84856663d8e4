namespace UltraLLaDA.Data.Sources;

/// <summary>
/// The input cannot be read as asked: a file that is not what its layout requires, a malformed line or row,
/// or a split with no files. The message starts with the file (and line, when there is one).
/// An <see cref="IOException"/>, so that handlers of unreadable input catch it too.
/// </summary>
public sealed class SourceDataException : IOException
{
    public SourceDataException()
    {
    }

    public SourceDataException(string message)
        : base(message)
    {
    }

    public SourceDataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a "path:line: problem" message.</summary>
    /// <param name="filePath">The file at fault.</param>
    /// <param name="lineNumber">1-based line number, or null when the problem is not on one line.</param>
    /// <param name="problem">What is wrong, in words.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public SourceDataException(string filePath, long? lineNumber, string problem, Exception? innerException = null)
        : base(Format(filePath, lineNumber, problem), innerException)
    {
        FilePath = filePath;
        LineNumber = lineNumber;
    }

    /// <summary>The file at fault, when one is.</summary>
    public string? FilePath { get; }

    /// <summary>1-based line number in <see cref="FilePath"/>, when the problem is on one line.</summary>
    public long? LineNumber { get; }

    private static string Format(string filePath, long? lineNumber, string problem) =>
        lineNumber is { } line ? $"{filePath}:{line}: {problem}" : $"{filePath}: {problem}";
}
