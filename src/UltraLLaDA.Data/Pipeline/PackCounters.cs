namespace UltraLLaDA.Data.Pipeline;

/// <summary>Live counters of a running pack job, updated by the stages and read by the progress display.</summary>
public sealed class PackCounters
{
    private long _documentsRead;
    private long _textBytesRead;
    private long _documentsTokenized;
    private long _tokens;
    private long _recordsWritten;
    private long _shardsWritten;
    private long _bytesWritten;

    /// <summary>Documents the job will read, when the source knows it up front (null otherwise).</summary>
    public long? DocumentsExpected { get; set; }

    /// <summary>Text bytes the job will read, when the source knows it up front.</summary>
    public long? TextBytesExpected { get; set; }

    public long DocumentsRead => Interlocked.Read(ref _documentsRead);

    /// <summary>Approximate UTF-8 bytes of text read (UTF-16 length for speed; exact for ASCII).</summary>
    public long TextBytesRead => Interlocked.Read(ref _textBytesRead);

    public long DocumentsTokenized => Interlocked.Read(ref _documentsTokenized);

    public long Tokens => Interlocked.Read(ref _tokens);

    public long RecordsWritten => Interlocked.Read(ref _recordsWritten);

    public long ShardsWritten => Interlocked.Read(ref _shardsWritten);

    public long BytesWritten => Interlocked.Read(ref _bytesWritten);

    /// <summary>CPU time spent in each stage so far.</summary>
    public PackStageCpu StageCpu { get; } = new();

    internal void DocumentRead(long textBytes)
    {
        Interlocked.Increment(ref _documentsRead);
        Interlocked.Add(ref _textBytesRead, textBytes);
    }

    internal void DocumentTokenized(long tokens)
    {
        Interlocked.Increment(ref _documentsTokenized);
        Interlocked.Add(ref _tokens, tokens);
    }

    internal void RecordWritten() => Interlocked.Increment(ref _recordsWritten);

    internal void ShardWritten(long bytes)
    {
        Interlocked.Increment(ref _shardsWritten);
        Interlocked.Add(ref _bytesWritten, bytes);
    }
}
