namespace UltraLLaDA.Data.Formats.Ulds;

/// <summary>
/// The one error a shard reader throws for a file that breaks the format: its message names the file
/// and, where one is at fault, the record.
/// </summary>
public sealed class ShardFormatException : IOException
{
    public ShardFormatException()
    {
    }

    public ShardFormatException(string message)
        : base(message)
    {
    }

    public ShardFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ShardFormatException(string path, long? record, string problem, Exception? innerException = null)
        : this(record is null ? ShardFormatError.Unspecified : ShardFormatError.Record, path, record, problem, innerException)
    {
    }

    public ShardFormatException(ShardFormatError kind, string path, long? record, string problem, Exception? innerException = null)
        : base(Describe(path, record, problem), innerException)
    {
        Kind = kind;
        FilePath = path;
        Record = record;
        Problem = problem;
    }

    /// <summary>What part of the shard is at fault.</summary>
    public ShardFormatError Kind { get; }

    /// <summary>The shard file.</summary>
    public string? FilePath { get; }

    /// <summary>The record at fault, when the problem is in one record.</summary>
    public long? Record { get; }

    /// <summary>What is wrong, without the file and record.</summary>
    public string? Problem { get; }

    private static string Describe(string path, long? record, string problem) =>
        record is long r ? $"{path}: record {r}: {problem}" : $"{path}: {problem}";
}
