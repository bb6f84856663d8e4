namespace UltraLLaDA.Data.Tokenization;

/// <summary>What a shard and a manifest record about the tokenizer that made them.</summary>
/// <param name="Name">Human name, e.g. "o200k_base" or the tokenizer.json file name.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the tokenizer file or of the embedded vocabulary bytes.</param>
/// <param name="VocabSize">Vocabulary size, special tokens included (max id + 1).</param>
/// <param name="EodId">The document-end id, when the tokenizer has one.</param>
/// <param name="EodToken">The document-end token's string, when known.</param>
/// <param name="EodReason">Why that token was chosen, for the job to print.</param>
public sealed record TokenizerInfo(
    string Name,
    string Sha256,
    int VocabSize,
    int? EodId,
    string? EodToken,
    string EodReason)
{
    /// <summary>Which rule chose the EOD (or found none), so the caller can name its own way to give one.</summary>
    public EodRule EodRule { get; init; }
}
