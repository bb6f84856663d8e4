using System.Collections.Concurrent;
using UltraLLaDA.Data.Formats.Ulds;
using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Output;

namespace UltraLLaDA.Data.Inspection;

/// <summary>One shard of a <see cref="VerificationUnit"/> and what verify read of it.</summary>
internal sealed class VerifiedShard
{
    public required VerificationUnit Unit { get; init; }

    public required int Position { get; init; }

    public required string Path { get; init; }

    public required string Display { get; init; }

    public ShardEntry? ManifestEntry => Unit.Manifest is { } m && Position < m.Shards.Count ? m.Shards[Position] : null;

    /// <summary>The header of a shard that opened (its records can be read).</summary>
    public ShardHeader? Header { get; set; }

    /// <summary>The header of a shard that could not be opened, when the header itself parses.</summary>
    public ShardHeader? HeaderOnly { get; set; }

    public RecordSummary[] Records { get; set; } = [];

    /// <summary>Every segment read, with its record, for strategies whose records are not in stream order (filled only for those).</summary>
    public ConcurrentBag<(int Record, Segment Segment)> Pieces { get; } = [];

    public long IndexTokens { get; set; }

    public long PayloadBytes { get; set; }

    public long Bytes { get; set; }

    public string? Sha256 { get; set; }

    /// <summary>True when the shard opened and every record of it read cleanly.</summary>
    public bool FullyRead => Header is not null && !Records.Any(r => !r.Read);
}
