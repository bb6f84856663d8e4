namespace UltraLLaDA.Data.Tokenization.PreTokenization;

/// <summary>A worker's chain of pre-tokenizer stages, with reusable piece lists.</summary>
internal sealed class PreTokenizer
{
    private readonly PreTokenizerStage[] _stages;
    private List<Piece> _current = [];
    private List<Piece> _next = [];

    public PreTokenizer(IReadOnlyList<PreTokenizerStage> stages)
    {
        _stages = new PreTokenizerStage[stages.Count];
        for (var i = 0; i < stages.Count; i++)
            _stages[i] = stages[i].CreateWorker();
    }

    /// <summary>
    /// Cuts <paramref name="text"/> into pieces. The list is reused by the next call, so read it before
    /// calling again.
    /// </summary>
    public List<Piece> Run(string text)
    {
        _current.Clear();
        _current.Add(new Piece(0, text.Length, SpacePrefix: false));
        foreach (var stage in _stages)
        {
            _next.Clear();
            foreach (var piece in _current)
            {
                if (!piece.IsEmpty || stage.SeesEmptyPieces)
                    stage.Split(text, piece, _next);
            }
            (_current, _next) = (_next, _current);
        }
        return _current;
    }
}
