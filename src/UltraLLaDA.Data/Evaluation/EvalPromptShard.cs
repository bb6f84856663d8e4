namespace UltraLLaDA.Data.Evaluation;

/// <summary>
/// The prompts of one shard as a maker adds them (<see cref="EvalPromptSetWriter{TRow}.WriteShard"/>): each with its
/// row, whose index in the set and record in the shard are <see cref="NextIndex"/> and <see cref="NextRecord"/>.
/// </summary>
/// <typeparam name="TRow">A row of the set's JSONL.</typeparam>
internal sealed class EvalPromptShard<TRow>
{
    private readonly List<TRow> _rows;
    private readonly List<(uint[] Tokens, ulong Doc, uint Offset)> _records = [];

    internal EvalPromptShard(string name, List<TRow> rows)
    {
        Name = name;
        _rows = rows;
    }

    /// <summary>The shard's path relative to the set folder.</summary>
    public string Name { get; }

    /// <summary>The index in the set of the row added next.</summary>
    public int NextIndex => _rows.Count;

    /// <summary>The record in this shard of the prompt added next.</summary>
    public int NextRecord => _records.Count;

    /// <summary>The records so far: each prompt's tokens, its single segment's provenance the row's index.</summary>
    internal IReadOnlyList<(uint[] Tokens, ulong Doc, uint Offset)> Records => _records;

    /// <summary>Adds <paramref name="row"/> (made with <see cref="NextIndex"/> and <see cref="NextRecord"/>) and its prompt.</summary>
    public void Add(TRow row, uint[] tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        _records.Add((tokens, (ulong)_rows.Count, 0u));
        _rows.Add(row);
    }
}
