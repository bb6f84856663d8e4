namespace UltraLLaDA.Data.Tokenization.Bpe;

/// <summary>
/// The BPE merge rules as a read-only open-addressing hash map from a pair of adjacent token ids to
/// the merge's priority (lower merges first) and the id it produces. Built once, shared by all workers.
/// </summary>
internal sealed class MergeTable
{
    private const ulong EmptyKey = ulong.MaxValue;

    private readonly ulong[] _keys;
    private readonly ulong[] _values;
    private readonly int _mask;

    private MergeTable(ulong[] keys, ulong[] values)
    {
        _keys = keys;
        _values = values;
        _mask = keys.Length - 1;
    }

    /// <summary>Builds the table; a later rule for the same pair replaces an earlier one, as in HF's HashMap.</summary>
    public static MergeTable Build(IReadOnlyList<(int Left, int Right, int Priority, int Result)> rules)
    {
        var capacity = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, rules.Count * 2));
        var keys = new ulong[capacity];
        var values = new ulong[capacity];
        Array.Fill(keys, EmptyKey);
        var table = new MergeTable(keys, values);
        foreach (var (left, right, priority, result) in rules)
            table.Insert(Key(left, right), ((ulong)(uint)priority << 32) | (uint)result);
        return table;
    }

    /// <summary>Looks up the merge of <paramref name="left"/> followed by <paramref name="right"/>.</summary>
    public bool TryGet(int left, int right, out int priority, out int result)
    {
        var key = Key(left, right);
        var slot = (int)Mix(key) & _mask;
        while (true)
        {
            var found = _keys[slot];
            if (found == key)
            {
                var value = _values[slot];
                priority = (int)(value >> 32);
                result = (int)(uint)value;
                return true;
            }
            if (found == EmptyKey)
            {
                priority = 0;
                result = 0;
                return false;
            }
            slot = (slot + 1) & _mask;
        }
    }

    private void Insert(ulong key, ulong value)
    {
        var slot = (int)Mix(key) & _mask;
        while (_keys[slot] != EmptyKey && _keys[slot] != key)
            slot = (slot + 1) & _mask;
        _keys[slot] = key;
        _values[slot] = value;
    }

    private static ulong Key(int left, int right) => ((ulong)(uint)left << 32) | (uint)right;

    // A 64-bit finaliser (from MurmurHash3) so that neighbouring ids spread over the table.
    private static ulong Mix(ulong key)
    {
        key ^= key >> 33;
        key *= 0xff51afd7ed558ccdUL;
        key ^= key >> 33;
        key *= 0xc4ceb9fe1a85ec53UL;
        key ^= key >> 33;
        return key;
    }
}
