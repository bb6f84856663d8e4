namespace UltraLLaDA.Data.Formats.Megatron;

/// <summary>One finished file of a Megatron pair.</summary>
/// <param name="Path">Final path.</param>
/// <param name="Bytes">File size.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the whole file.</param>
public sealed record MegatronFileSummary(string Path, long Bytes, string Sha256);
