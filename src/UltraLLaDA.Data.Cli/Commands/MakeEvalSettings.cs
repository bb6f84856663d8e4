using UltraLLaDA.Data.Evaluation;
using UltraLLaDA.Data.Tokenization;

namespace UltraLLaDA.Data.Cli.Commands;

/// <summary>What <see cref="MakeEvalFlags.Read"/> gives a set maker's action.</summary>
/// <param name="Input">--input, --input-format and --split.</param>
/// <param name="TokenizerSpec">--tokenizer as given (null: the default), recorded in the set's index.</param>
/// <param name="Lengths">--lengths, or null for the set's default lengths.</param>
/// <param name="Seed">--seed (0 for a set without one).</param>
/// <param name="Output">--out.</param>
/// <param name="Overwrite">--overwrite.</param>
internal sealed record MakeEvalSettings(EvalInput Input, string? TokenizerSpec, IReadOnlyList<int>? Lengths, ulong Seed, string Output, bool Overwrite)
{
    /// <summary>The tokenizer <see cref="TokenizerSpec"/> names.</summary>
    public ITextTokenizer LoadTokenizer() => TokenizerLoader.Load(TokenizerSpec);
}
