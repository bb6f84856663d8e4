using UltraLLaDA.Data.Tokenization;

namespace UltraLLaDA.Data.Evaluation;

/// <summary>The tokenizer a set was made with, as its index records it.</summary>
/// <param name="Name">Its name, as shard headers record it.</param>
/// <param name="Sha256">Its fingerprint, as shard headers record it.</param>
/// <param name="VocabSize">Ids, special tokens included.</param>
/// <param name="Spec">What to pass to <see cref="TokenizerLoader.Load(string?, EodOverride?)"/> to get it back: a built-in name or the full path of the file.</param>
public sealed record EvalTokenizer(string Name, string Sha256, int VocabSize, string Spec)
{
    /// <summary>The record for <paramref name="tokenizer"/>, loaded from <paramref name="spec"/> (null: the default).</summary>
    public static EvalTokenizer Of(ITextTokenizer tokenizer, string? spec)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        var resolved = string.IsNullOrWhiteSpace(spec) ? TokenizerLoader.DefaultName
            : TokenizerLoader.BuiltInNames.Contains(spec, StringComparer.OrdinalIgnoreCase) ? spec
            : Path.GetFullPath(spec);
        return new EvalTokenizer(tokenizer.Info.Name, tokenizer.Info.Sha256, tokenizer.Info.VocabSize, resolved);
    }
}
