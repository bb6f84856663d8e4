using UltraLLaDA.Data.Tokenization.Patterns;

namespace UltraLLaDA.Data.Tokenization.PreTokenization;

/// <summary>
/// HF's <c>Split</c> pre-tokenizer (and the regex half of <c>ByteLevel</c> with <c>use_regex</c>):
/// cuts a piece at the matches of a pattern.
/// </summary>
internal sealed class RegexSplitStage : PreTokenizerStage
{
    private readonly SplitRegex _regex;
    private readonly SplitBehavior _behavior;
    private readonly bool _invert;
    private readonly List<(int Start, int Length)> _matches = [];

    public RegexSplitStage(SplitRegex regex, SplitBehavior behavior, bool invert)
    {
        _regex = regex;
        _behavior = behavior;
        _invert = invert;
    }

    public override PreTokenizerStage CreateWorker() => new RegexSplitStage(_regex.CreateWorker(), _behavior, _invert);

    public override void Split(string text, Piece piece, List<Piece> output)
    {
        // A piece with an inserted space is matched as HF sees it: with the space in front.
        var input = piece.SpacePrefix
            ? string.Concat(" ", text.AsSpan(piece.Start, piece.Length)).AsSpan()
            : text.AsSpan(piece.Start, piece.Length);
        _matches.Clear();
        _regex.FindMatches(input, _matches, piece.SpacePrefix ? piece.Start - 1 : piece.Start);

        var previous = 0;
        foreach (var (start, length) in _matches)
        {
            if (start > previous)
                Emit(piece, previous, start, matched: false, output);
            Emit(piece, start, start + length, matched: true, output);
            previous = start + length;
        }
        if (previous < input.Length)
            Emit(piece, previous, input.Length, matched: false, output);
    }

    private void Emit(Piece piece, int start, int end, bool matched, List<Piece> output)
    {
        if (_behavior == SplitBehavior.Removed && matched != _invert)
            return;
        if (!piece.SpacePrefix)
        {
            output.Add(new Piece(piece.Start + start, end - start, SpacePrefix: false));
            return;
        }
        // Input index 0 is the inserted space; index k > 0 is text index piece.Start + k - 1.
        output.Add(start == 0
            ? new Piece(piece.Start, end - 1, SpacePrefix: true)
            : new Piece(piece.Start + start - 1, end - start, SpacePrefix: false));
    }
}
