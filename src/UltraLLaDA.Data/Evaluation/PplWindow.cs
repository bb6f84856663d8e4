namespace UltraLLaDA.Data.Evaluation;

/// <summary>One window of a PPL set: the first <paramref name="Length"/> tokens of the chosen text from its start.</summary>
/// <param name="Length">Tokens in the window (the shard's seq_len).</param>
/// <param name="Shard">The shard holding it, relative to the set folder (one record).</param>
/// <param name="Start">Token offset of the window in the chosen text (the same for every window: they are prefixes).</param>
public sealed record PplWindow(int Length, string Shard, long Start);
