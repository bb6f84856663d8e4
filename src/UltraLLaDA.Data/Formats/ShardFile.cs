namespace UltraLLaDA.Data.Formats;

/// <summary>One file of a shard as the manifest lists it.</summary>
/// <param name="File">File name, relative to the split folder.</param>
/// <param name="Bytes">File size.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file.</param>
public sealed record ShardFile(string File, long Bytes, string Sha256);
