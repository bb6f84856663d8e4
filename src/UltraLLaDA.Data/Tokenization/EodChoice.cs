namespace UltraLLaDA.Data.Tokenization;

/// <summary>The document-end token a tokenizer ends up with, and the rule that chose it.</summary>
internal sealed record EodChoice(int? Id, string? Token, string Reason);
