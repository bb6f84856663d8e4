namespace UltraLLaDA.Data.Evaluation;

/// <summary>
/// SplitMix64: a generator whose output is fixed by its seed on every platform and .NET version (System.Random's
/// seeded sequence is not a documented contract), so a set made with the same seed has the same bytes.
/// </summary>
public sealed class SetRandom
{
    private ulong _state;

    public SetRandom(ulong seed) => _state = seed;

    /// <summary>A generator for one part of a set (e.g. one length and depth), independent of the other parts.</summary>
    public static SetRandom For(ulong seed, params ReadOnlySpan<long> parts)
    {
        var state = seed;
        var mixed = Next(ref state);
        foreach (var part in parts)
        {
            state ^= unchecked((ulong)part * 0xD6E8FEB86659FD93UL);
            mixed ^= Next(ref state);
        }

        return new SetRandom(mixed);
    }

    public ulong NextUInt64() => Next(ref _state);

    /// <summary>Uniform in [0, bound), without modulo bias.</summary>
    public long NextInt64(long bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        var range = (ulong)bound;
        var limit = ulong.MaxValue - (ulong.MaxValue % range);
        ulong draw;
        do
        {
            draw = NextUInt64();
        }
        while (draw >= limit);
        return (long)(draw % range);
    }

    private static ulong Next(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
