using UltraLLaDA.Data.Formats.Ulds;

namespace UltraLLaDA.Training.Data;

/// <summary>
/// The records a <see cref="BatchBuilder"/> and a <see cref="ShardBatchLoader"/> read: a folder of shards
/// (<see cref="ShardDataset"/>), or a stand-in that injects faults in the loader's tests.
/// </summary>
public interface IRecordSource
{
    /// <summary>The header the records were written under (pad id, layout).</summary>
    ShardHeader Header { get; }

    /// <summary>What the run needs of every record (seq_len, vocabulary).</summary>
    DataRequirements Requirements { get; }

    /// <summary>Records, addressed 0..Count-1.</summary>
    long Count { get; }

    /// <summary>Reads record <paramref name="index"/>, reusing <paramref name="reuse"/>'s buffers where it can.</summary>
    ShardRecord Read(long index, ShardRecord? reuse = null);
}
