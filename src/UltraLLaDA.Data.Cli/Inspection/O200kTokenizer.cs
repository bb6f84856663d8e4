using Microsoft.ML.Tokenizers;
using UltraLLaDA.Data.Tokenization;

namespace UltraLLaDA.Data.Cli.Inspection;

/// <summary>
/// The default tokenizer of <c>show --decode</c> in this branch: o200k_base, the default packing tokenizer,
/// from Microsoft.ML.Tokenizers' embedded data. It stands in until the tokenizer loader is merged, which
/// replaces it (see Program.cs); it decodes, and encodes ordinary text with no special tokens.
/// </summary>
internal sealed class O200kTokenizer : ITextTokenizer
{
    private static readonly Lazy<TiktokenTokenizer> Shared = new(() => TiktokenTokenizer.CreateForModel("gpt-4o"));

    public TokenizerInfo Info { get; } = new("o200k_base", string.Empty, 200019, 199999, "<|endoftext|>", "o200k_base's <|endoftext|>");

    /// <summary>Loads the tokenizer named by --tokenizer: only o200k_base (or nothing) in this build.</summary>
    public static ITextTokenizer Load(string? spec) =>
        spec is null || spec.Equals("o200k_base", StringComparison.OrdinalIgnoreCase) || spec.Equals("o200k", StringComparison.OrdinalIgnoreCase)
            ? new O200kTokenizer()
            : throw new NotSupportedException($"this build decodes with o200k_base only, not \"{spec}\".");

    public void Encode(string text, TokenBuffer ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        foreach (var id in Shared.Value.EncodeToIds(text, considerPreTokenization: true, considerNormalization: true))
            ids.Add((uint)id);
    }

    public string Decode(ReadOnlySpan<uint> ids)
    {
        var list = new int[ids.Length];
        for (var i = 0; i < ids.Length; i++)
            list[i] = (int)ids[i];
        return Shared.Value.Decode(list) ?? string.Empty;
    }

    public ITextTokenizer CreateWorker() => new O200kTokenizer();
}
