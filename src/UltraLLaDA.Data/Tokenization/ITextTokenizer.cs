namespace UltraLLaDA.Data.Tokenization;

/// <summary>
/// Turns document text into token ids. One instance is used by one thread at a time; the pipeline
/// asks for one instance per worker with <see cref="CreateWorker"/>.
/// </summary>
public interface ITextTokenizer
{
    /// <summary>Name, fingerprint, vocabulary size and special ids of this tokenizer.</summary>
    TokenizerInfo Info { get; }

    /// <summary>
    /// Appends the ids of <paramref name="text"/> to <paramref name="ids"/>. The text is encoded as
    /// ordinary text: a special-token string inside it never becomes a special token.
    /// </summary>
    void Encode(string text, TokenBuffer ids);

    /// <summary>Decodes ids back to text (special tokens rendered as their strings).</summary>
    string Decode(ReadOnlySpan<uint> ids);

    /// <summary>An independent instance for another worker thread (no shared mutable state).</summary>
    ITextTokenizer CreateWorker();
}
