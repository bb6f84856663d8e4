using System.Collections.Concurrent;

namespace UltraLLaDA.Data.Packing;

/// <summary>
/// The records a packer hands out and gets back: a long job allocates a handful of records, not one
/// per sequence. Renting is the packer's (single) thread; returning may come from any thread.
/// </summary>
internal sealed class RecordPool(int seqLen)
{
    private readonly ConcurrentQueue<PackedRecord> _free = new();

    public PackedRecord Rent()
    {
        if (_free.TryDequeue(out var record))
        {
            record.Reset();
            return record;
        }

        return new PackedRecord(seqLen);
    }

    /// <summary>Takes a record back for reuse; one of another length (another packer's) is left to the collector.</summary>
    public void Return(PackedRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Capacity == seqLen)
            _free.Enqueue(record);
    }
}
