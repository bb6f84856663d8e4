using UltraLLaDA.Training.Loss;

namespace UltraLLaDA.Training.Data;

/// <summary>The order records are visited in: a fresh Fisher–Yates shuffle per epoch, fixed by (seed, epoch).</summary>
public sealed class EpochOrder
{
    private readonly long _count;
    private readonly ulong _seed;
    private readonly bool _shuffle;
    private int _epoch = -1;
    private long[] _order = [];

    public EpochOrder(long count, ulong seed, bool shuffle = true)
    {
        if (count <= 0)
            throw new ArgumentOutOfRangeException(nameof(count), count, "an epoch needs at least one record");
        _count = count;
        _seed = seed;
        _shuffle = shuffle;
    }

    public long Count => _count;

    /// <summary>The record visited at <paramref name="position"/>.</summary>
    public long RecordAt(DataPosition position)
    {
        if (position.Epoch != _epoch)
            _order = Permutation(position.Epoch);
        _epoch = position.Epoch;
        return _order[position.Offset];
    }

    /// <summary>The position after <paramref name="position"/>, rolling into the next epoch at the end.</summary>
    public DataPosition Advance(DataPosition position) =>
        position.Offset + 1 >= _count ? new DataPosition(position.Epoch + 1, 0) : position with { Offset = position.Offset + 1 };

    public long[] Permutation(int epoch)
    {
        var order = new long[_count];
        for (long i = 0; i < order.Length; i++)
            order[i] = i;
        if (!_shuffle)
            return order;
        var random = new DeterministicRandom(DeterministicRandom.Derive(_seed, 0x5348554646UL, (ulong)epoch));
        for (var i = order.LongLength - 1; i > 0; i--)
        {
            var j = random.NextInt64(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }
}
