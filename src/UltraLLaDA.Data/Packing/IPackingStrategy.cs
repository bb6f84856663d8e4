namespace UltraLLaDA.Data.Packing;

/// <summary>
/// A packing strategy: how documents' pieces are laid into records. The pack job asks it for a packer
/// (fresh or at a resume point), <c>verify</c> asks it for the tiling rules its records keep. Register
/// a strategy in <see cref="PackingStrategies"/>.
/// </summary>
/// <remarks>
/// The resume point is the <see cref="PackedRecord.Next"/> of the last record a finished shard holds,
/// stored in the manifest. Its meaning is the strategy's: concat reads it as (document, offset in its
/// stream); a strategy with a window may read it as "the first document whose pieces are not all
/// written", re-reading from there. A packer made for a resume point must emit exactly the records an
/// uninterrupted run would have emitted after that record.
/// </remarks>
public interface IPackingStrategy
{
    /// <summary>The strategy's name in the manifest config and on the command line (e.g. <c>concat</c>).</summary>
    string Name { get; }

    /// <summary>The rules <c>verify</c> checks a split packed with this strategy against.</summary>
    ITilingRules Tiling { get; }

    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="options"/> cannot work with this strategy (checked before any output is touched).</summary>
    void Validate(PackingOptions options);

    /// <summary>
    /// A packer for one split, starting at <paramref name="resumeAt"/> (<see cref="PackPosition.Start"/>
    /// for a fresh job) and numbering its first record <paramref name="firstRecordIndex"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The options do not suit this strategy.</exception>
    IPacker CreatePacker(PackingOptions options, PackPosition resumeAt, long firstRecordIndex);
}
