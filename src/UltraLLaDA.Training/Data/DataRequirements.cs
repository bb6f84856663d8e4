using UltraLLaDA.Data.Formats.Ulds;

namespace UltraLLaDA.Training.Data;

/// <summary>What every shard of a run must agree on: the tokenizer (by fingerprint), the vocabulary and the record length.</summary>
public sealed record DataRequirements(string TokenizerName, string TokenizerSha256, int VocabSize, int SeqLen)
{
    public static DataRequirements Of(ShardHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return new DataRequirements(header.Tokenizer.Name, header.Tokenizer.Sha256, header.VocabSize, header.SeqLen);
    }

    /// <summary>Null when <paramref name="header"/> fits, else what disagrees.</summary>
    public string? Disagreement(ShardHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (!string.Equals(header.Tokenizer.Sha256, TokenizerSha256, StringComparison.OrdinalIgnoreCase))
            return $"tokenizer fingerprint {header.Tokenizer.Sha256} ({header.Tokenizer.Name}), the run's is {TokenizerSha256} ({TokenizerName})";
        if (header.VocabSize != VocabSize)
            return $"vocabulary of {header.VocabSize} ids, the run's is {VocabSize}";
        if (header.SeqLen != SeqLen)
            return $"seq_len {header.SeqLen}, the run's is {SeqLen}";
        return null;
    }
}
