namespace UltraLLaDA.Data.Cli.Bench;

/// <summary>What the peers are given: the texts, the tokenizer.json they load, and a probe with our ids to check they tokenize alike.</summary>
internal sealed record PeerRequest(IReadOnlyList<string> Texts, string? TokenizerJson, string ProbeText, IReadOnlyList<uint> ProbeIds);
