namespace UltraLLaDA.Data.Tokenization.PreTokenization;

/// <summary>
/// One step of HF's pre-tokenizer chain. Like HF, each step refines every piece the previous
/// step produced, looking at that piece alone (a pattern cannot see past the piece's ends).
/// </summary>
internal abstract class PreTokenizerStage
{
    /// <summary>Appends the non-empty sub-pieces of <paramref name="piece"/> to <paramref name="output"/>.</summary>
    public abstract void Split(string text, Piece piece, List<Piece> output);

    /// <summary>
    /// Whether the stage also sees empty pieces. HF drops empty splits after each step, but the
    /// text's single initial split reaches the first step even when it is empty.
    /// </summary>
    public virtual bool SeesEmptyPieces => false;

    /// <summary>An instance with its own scratch state for another worker thread.</summary>
    public abstract PreTokenizerStage CreateWorker();
}
