namespace UltraLLaDA.Data.Tokenization;

/// <summary>The document-end token a tokenizer ends up with, the rule that chose it, and that rule in words.</summary>
internal sealed record EodChoice(int? Id, string? Token, EodRule Rule, string Reason);
