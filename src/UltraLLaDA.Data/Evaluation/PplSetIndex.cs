namespace UltraLLaDA.Data.Evaluation;

/// <summary>ppl.json: what a PPL set is and how it was made.</summary>
public sealed record PplSetIndex
{
    public const string FileName = "ppl.json";
    public const string KindName = "ppl";

    public string Kind { get; init; } = KindName;

    public int Version { get; init; } = 1;

    public required EvalTokenizer Tokenizer { get; init; }

    /// <summary>The input and split, as given.</summary>
    public required string Input { get; init; }

    /// <summary>How the text was chosen, in words.</summary>
    public required string Choice { get; init; }

    /// <summary>True when several documents were joined (no single one was long enough).</summary>
    public bool Concatenated { get; init; }

    /// <summary>The document(s) the text is, in order.</summary>
    public required IReadOnlyList<EvalDocument> Documents { get; init; }

    /// <summary>Tokens in the chosen text.</summary>
    public long TextTokens { get; init; }

    public required IReadOnlyList<PplWindow> Windows { get; init; }
}
