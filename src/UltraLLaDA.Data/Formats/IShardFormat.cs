using UltraLLaDA.Data.Output;

namespace UltraLLaDA.Data.Formats;

/// <summary>
/// An output format: how a split's records become shard files. The pack job depends only on this
/// seam: it asks the format for encoders (one per compression thread), a writer per shard, and, on
/// resume, whether a shard the manifest lists is intact. Register a format in <see cref="ShardFormats"/>.
/// </summary>
public interface IShardFormat
{
    /// <summary>The format's name in the manifest config and on the command line (e.g. <c>ulds</c>).</summary>
    string Name { get; }

    /// <summary>What the format stores: packed records of seq_len tokens, or one whole document per sequence.</summary>
    FormatInput Input { get; }

    /// <summary>
    /// The suffixes of one shard's files, its main file first (<c>.ulds</c>; <c>.bin</c>, <c>.idx</c>).
    /// A shard named <c>train-00000</c> is the files <c>train-00000</c> + each suffix.
    /// </summary>
    IReadOnlyList<string> Extensions { get; }

    /// <summary>
    /// Suffix of a file being written that must be deleted, not kept, when a job starts or resumes
    /// (e.g. <c>.partial</c>): appended to one of <see cref="Extensions"/>.
    /// </summary>
    string PartialSuffix { get; }

    /// <summary>An encoder for one thread. Encoding (compression) is the costly part and runs on many threads at once.</summary>
    IRecordEncoder CreateEncoder(ShardContext context);

    /// <summary>
    /// Starts shard <paramref name="shardIndex"/> of a split, whose files are <paramref name="stem"/> +
    /// each of <see cref="Extensions"/> in <paramref name="folder"/>. No file may appear under its final
    /// name before <see cref="IShardOutput.Complete"/> has flushed it.
    /// </summary>
    IShardOutput CreateWriter(string folder, string stem, int shardIndex, ShardContext context);

    /// <summary>
    /// For resume: whether the shard <paramref name="entry"/> lists is on disk exactly as it was written
    /// (every file with its size and SHA-256, and the record count the format's own index gives).
    /// </summary>
    bool IsIntact(string folder, ShardEntry entry);
}
