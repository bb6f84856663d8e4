namespace UltraLLaDA.Data.Pipeline;

/// <summary>One finished shard as the manifest lists it.</summary>
/// <param name="File">File name, relative to the split folder.</param>
/// <param name="Records">Records in the shard.</param>
/// <param name="Tokens">Tokens in the shard, padding included.</param>
/// <param name="Bytes">File size.</param>
/// <param name="Sha256">SHA-256 of the file.</param>
/// <param name="FirstRecord">Index in the split (or partition) of the shard's first record.</param>
/// <param name="NextDoc">Document ordinal where the record after this shard begins.</param>
/// <param name="NextOffset">Offset in that document's token stream where it begins.</param>
public sealed record ShardEntry(string File, int Records, long Tokens, long Bytes, string Sha256, long FirstRecord, long NextDoc, long NextOffset);
