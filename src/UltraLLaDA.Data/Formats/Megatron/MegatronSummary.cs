namespace UltraLLaDA.Data.Formats.Megatron;

/// <summary>What a completed .bin/.idx pair holds: the manifest's line for it.</summary>
/// <param name="Prefix">The dataset prefix (the paths without .bin/.idx), as Megatron's --data-path takes it.</param>
/// <param name="Documents">Documents (= sequences) written.</param>
/// <param name="Tokens">Tokens in the .bin.</param>
/// <param name="DType">Token dtype.</param>
/// <param name="Data">The .bin file.</param>
/// <param name="Index">The .idx file.</param>
public sealed record MegatronSummary(string Prefix, long Documents, long Tokens, MegatronDType DType, MegatronFileSummary Data, MegatronFileSummary Index);
