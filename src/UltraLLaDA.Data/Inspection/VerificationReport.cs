namespace UltraLLaDA.Data.Inspection;

/// <summary>What <see cref="ShardVerifier"/> checked and found.</summary>
/// <param name="Problems">Every problem, sorted by file and record.</param>
/// <param name="Manifests">Manifests checked.</param>
/// <param name="Shards">Shard files read.</param>
/// <param name="Records">Records read and checked.</param>
/// <param name="Tokens">Tokens in those records.</param>
/// <param name="Bytes">Bytes of the shard files read.</param>
/// <param name="PayloadBytes">Decompressed bytes of the records read (tokens, segment ids, segment tables).</param>
/// <param name="Elapsed">Wall time.</param>
/// <param name="Threads">Threads used.</param>
/// <param name="Kind">What was read: ULDS shards (compressed records) or Megatron pairs (raw token sequences).</param>
public sealed record VerificationReport(
    IReadOnlyList<VerificationProblem> Problems,
    int Manifests,
    int Shards,
    long Records,
    long Tokens,
    long Bytes,
    long PayloadBytes,
    TimeSpan Elapsed,
    int Threads,
    VerifiedOutput Kind = VerifiedOutput.UldsShards)
{
    public bool Ok => Problems.Count == 0;

    /// <summary>Shard bytes read per second, in MB (10^6 bytes).</summary>
    public double MegabytesPerSecond => Elapsed.TotalSeconds <= 0 ? 0 : Bytes / 1e6 / Elapsed.TotalSeconds;

    /// <summary>Decompressed record bytes checked per second, in MB (10^6 bytes).</summary>
    public double PayloadMegabytesPerSecond => Elapsed.TotalSeconds <= 0 ? 0 : PayloadBytes / 1e6 / Elapsed.TotalSeconds;

    public double RecordsPerSecond => Elapsed.TotalSeconds <= 0 ? 0 : Records / Elapsed.TotalSeconds;
}
