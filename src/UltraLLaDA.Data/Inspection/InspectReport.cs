namespace UltraLLaDA.Data.Inspection;

/// <summary>The summary <c>inspect</c> prints (and writes as JSON with --json).</summary>
public sealed record InspectReport
{
    /// <summary>The shard file or split (and part) name.</summary>
    public required string Target { get; init; }

    /// <summary>"shard" or "split".</summary>
    public required string Kind { get; init; }

    public required HeaderSummary Header { get; init; }

    public required IReadOnlyList<ShardLine> Shards { get; init; }

    public long Records { get; init; }

    /// <summary>Tokens in records, padding included.</summary>
    public long Tokens { get; init; }

    /// <summary>Tokens that belong to documents (padding excluded).</summary>
    public long DocumentTokens { get; init; }

    public long PaddingTokens { get; init; }

    public long PaddedRecords { get; init; }

    /// <summary>Records shorter than seq_len (a kept tail).</summary>
    public long ShortRecords { get; init; }

    /// <summary>Document tokens / (records x seq_len).</summary>
    public double Fill { get; init; }

    public long Segments { get; init; }

    /// <summary>Distinct documents with tokens in these records.</summary>
    public long Documents { get; init; }

    /// <summary>Documents split over two or more records.</summary>
    public long CutDocuments { get; init; }

    /// <summary>Segments that continue a document begun in an earlier record.</summary>
    public long ContinuationSegments { get; init; }

    public required Spread SegmentsPerRecord { get; init; }

    public required Spread SegmentLength { get; init; }

    /// <summary>Segment lengths in power-of-two bins.</summary>
    public required IReadOnlyList<HistogramBin> SegmentLengths { get; init; }

    public long FileBytes { get; init; }

    /// <summary>Bytes of the records' zstd frames.</summary>
    public long CompressedBytes { get; init; }

    /// <summary>Decompressed payload bytes (tokens + segment ids + segment tables).</summary>
    public long PayloadBytes { get; init; }

    /// <summary>Payload bytes / compressed bytes.</summary>
    public double CompressionRatio { get; init; }

    /// <summary>File bytes per token.</summary>
    public double BytesPerToken { get; init; }

    /// <summary>The documents table beside the shards, when there is one.</summary>
    public DocumentTableSummary? DocumentTable { get; init; }

    /// <summary>The manifest's totals, when a manifest lists the shards.</summary>
    public ManifestSummary? Manifest { get; init; }
}

/// <summary>The header fields every shard of a target shares.</summary>
public sealed record HeaderSummary(
    string Layout,
    int SeqLen,
    string TokenDtype,
    int VocabSize,
    uint? EodId,
    uint? PadId,
    uint? BosId,
    string TokenizerName,
    string TokenizerSha256);

/// <summary>One shard of a target.</summary>
public sealed record ShardLine(string File, int ShardIndex, int Records, long Tokens, long Bytes);

/// <summary>Minimum, median, mean and maximum of a count.</summary>
public sealed record Spread(long Min, double Median, double Mean, long Max);

/// <summary>Segments whose length lies in [Min, Max], and their tokens.</summary>
public sealed record HistogramBin(long Min, long Max, long Count, long Tokens);

public sealed record DocumentTableSummary(string File, long Documents, long EmptyDocuments, long NullDocuments, long StreamTokens);

public sealed record ManifestSummary(string File, bool Complete, string Tail, int RecordsPerShard, int ZstdLevel, string? Input, long? DroppedTokens, double? Fill);
