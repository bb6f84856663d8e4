namespace UltraLLaDA.Data.Formats.Ulds;

/// <summary>The tokenizer a shard was made with, as its header records it.</summary>
/// <param name="Name">Human name of the tokenizer.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the tokenizer file or embedded vocabulary bytes.</param>
public sealed record TokenizerStamp(string Name, string Sha256);
