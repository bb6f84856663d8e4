using System.Runtime.InteropServices;

namespace UltraLLaDA.Data.Tokenization;

/// <summary>
/// A growable array of token ids that a tokenizer appends to and the pipeline reuses from document
/// to document, so the hot path does not allocate a fresh list per book.
/// </summary>
public sealed class TokenBuffer
{
    private uint[] _items;

    public TokenBuffer(int capacity = 1024) => _items = new uint[Math.Max(capacity, 16)];

    public int Count { get; private set; }

    public ReadOnlySpan<uint> Span => _items.AsSpan(0, Count);

    public ReadOnlyMemory<uint> Memory => _items.AsMemory(0, Count);

    public void Clear() => Count = 0;

    public void Add(uint id)
    {
        if (Count == _items.Length)
            Grow(Count + 1);
        _items[Count++] = id;
    }

    public void AddRange(ReadOnlySpan<uint> ids)
    {
        if (Count + ids.Length > _items.Length)
            Grow(Count + ids.Length);
        ids.CopyTo(_items.AsSpan(Count));
        Count += ids.Length;
    }

    public void AddRange(ReadOnlySpan<int> ids) => AddRange(MemoryMarshal.Cast<int, uint>(ids));

    /// <summary>Copies the ids out into an array of exactly <see cref="Count"/> elements.</summary>
    public uint[] ToArray() => Span.ToArray();

    private void Grow(int needed)
    {
        var size = Math.Max(needed, (int)Math.Min(Array.MaxLength, (long)_items.Length * 2));
        Array.Resize(ref _items, size);
    }
}
