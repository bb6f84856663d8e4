namespace UltraLLaDA.Data.Formats.Megatron;

/// <summary>
/// The one error the Megatron reader throws for files that break the IndexedDataset layout: its message
/// names the file and, where one is at fault, the sequence.
/// </summary>
public sealed class MegatronFormatException : IOException
{
    public MegatronFormatException()
    {
    }

    public MegatronFormatException(string message)
        : base(message)
    {
    }

    public MegatronFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MegatronFormatException(string path, long? sequence, string problem, Exception? innerException = null)
        : base(Describe(path, sequence, problem), innerException)
    {
        FilePath = path;
        Sequence = sequence;
        Problem = problem;
    }

    /// <summary>The .idx or .bin file at fault.</summary>
    public string? FilePath { get; }

    /// <summary>The sequence at fault, when the problem is in one sequence.</summary>
    public long? Sequence { get; }

    /// <summary>What is wrong, without the file and sequence.</summary>
    public string? Problem { get; }

    private static string Describe(string path, long? sequence, string problem) =>
        sequence is long s ? $"{path}: sequence {s}: {problem}" : $"{path}: {problem}";
}
