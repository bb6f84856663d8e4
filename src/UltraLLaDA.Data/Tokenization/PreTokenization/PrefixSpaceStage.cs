namespace UltraLLaDA.Data.Tokenization.PreTokenization;

/// <summary>
/// ByteLevel's <c>add_prefix_space</c>: HF prepends a space to every piece (not only the first) that
/// does not already start with one.
/// </summary>
internal sealed class PrefixSpaceStage : PreTokenizerStage
{
    public override bool SeesEmptyPieces => true;

    public override PreTokenizerStage CreateWorker() => this;

    public override void Split(string text, Piece piece, List<Piece> output)
    {
        var startsWithSpace = piece.SpacePrefix || (piece.Length > 0 && text[piece.Start] == ' ');
        output.Add(startsWithSpace ? piece : piece with { SpacePrefix = true });
    }
}
