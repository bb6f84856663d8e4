namespace UltraLLaDA.Data.Formats;

/// <summary>
/// One shard being written: records are appended in order, then <see cref="Complete"/> finishes its
/// files. Disposing an incomplete shard deletes what it wrote, so no half-written file is left where a
/// reader would take it for a whole one.
/// </summary>
public interface IShardOutput : IDisposable
{
    int RecordCount { get; }

    /// <summary>Appends one encoded record (made by this format's encoder). Does not dispose it.</summary>
    void Append(IEncodedRecord record);

    /// <summary>Writes the shard's index/footer, flushes every file to disk and moves them to their final names.</summary>
    FinishedShard Complete();
}
