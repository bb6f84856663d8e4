namespace UltraLLaDA.Data.Formats;

/// <summary>A record encoded by a format's <see cref="IRecordEncoder"/>, waiting for its shard writer. Dispose it once appended.</summary>
public interface IEncodedRecord : IDisposable
{
    /// <summary>Tokens in the record, padding included.</summary>
    uint TokenCount { get; }
}
