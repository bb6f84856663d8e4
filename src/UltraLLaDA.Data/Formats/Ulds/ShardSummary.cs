namespace UltraLLaDA.Data.Formats.Ulds;

/// <summary>What a completed shard holds: the manifest's line for it.</summary>
/// <param name="Path">Final path of the file (null for a stream-backed writer).</param>
/// <param name="Records">Records written.</param>
/// <param name="Tokens">Tokens written, padding included.</param>
/// <param name="Bytes">File size in bytes.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the whole file.</param>
public sealed record ShardSummary(string? Path, int Records, long Tokens, long Bytes, string Sha256);
