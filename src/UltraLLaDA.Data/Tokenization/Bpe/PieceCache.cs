namespace UltraLLaDA.Data.Tokenization.Bpe;

/// <summary>
/// A worker's memo of piece text -> token ids. Books repeat their words, so most pieces are found
/// here and skip UTF-8 conversion and merging. Looked up by span (no allocation on a hit); when it
/// is full it is simply emptied, which keeps it bounded and cannot change any result.
/// </summary>
internal sealed class PieceCache
{
    /// <summary>Longer pieces are rare and not worth keeping.</summary>
    public const int MaxPieceLength = 48;

    private const int MaxEntries = 1 << 17;
    private const int MaxStoredIds = 1 << 20;

    // (offset in _store, count), or (the id itself, 1) for a piece of one token.
    private readonly Dictionary<string, (int Offset, int Count)> _entries = new(1024);
    private readonly Dictionary<string, (int Offset, int Count)>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private uint[] _store = new uint[1 << 14];
    private int _used;

    public PieceCache() => _lookup = _entries.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Appends the cached ids of <paramref name="piece"/> to <paramref name="output"/>; false on a miss.</summary>
    public bool TryAppend(ReadOnlySpan<char> piece, TokenBuffer output)
    {
        if (!_lookup.TryGetValue(piece, out var entry))
            return false;
        if (entry.Count == 1)
            output.Add((uint)entry.Offset);
        else
            output.AddRange(_store.AsSpan(entry.Offset, entry.Count));
        return true;
    }

    public void Add(ReadOnlySpan<char> piece, ReadOnlySpan<uint> ids)
    {
        if (ids.Length == 1)
        {
            // Most pieces are one token: keep the id in the entry itself, one memory access less.
            if (_entries.Count >= MaxEntries)
                Clear();
            _lookup[piece] = ((int)ids[0], 1);
            return;
        }
        if (_entries.Count >= MaxEntries || _used + ids.Length > MaxStoredIds)
            Clear();
        if (_used + ids.Length > _store.Length)
            Array.Resize(ref _store, Math.Max(_store.Length * 2, _used + ids.Length));
        ids.CopyTo(_store.AsSpan(_used));
        _lookup[piece] = (_used, ids.Length);
        _used += ids.Length;
    }

    private void Clear()
    {
        _entries.Clear();
        _used = 0;
    }
}
