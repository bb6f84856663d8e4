namespace UltraLLaDA.Data.Formats;

/// <summary>A completed shard: its files (main file first) and what it holds.</summary>
/// <param name="Files">Each file of the shard with its size and SHA-256, in the order of <see cref="IShardFormat.Extensions"/>.</param>
/// <param name="Records">Records written.</param>
/// <param name="Tokens">Tokens written, padding included.</param>
public sealed record FinishedShard(IReadOnlyList<ShardFile> Files, int Records, long Tokens);
