using System.Globalization;

namespace UltraLLaDA.Data.Evaluation.Ruler;

/// <summary>RULER's random keys and values (numbers, words, UUIDs), variable names and coded words, from a seeded generator.</summary>
internal static class RulerDraws
{
    /// <summary>RULER's needle depths for essay haystacks: np.linspace(0, 100, 40) rounded.</summary>
    public static IReadOnlyList<int> EssayDepths { get; } = [.. Enumerable.Range(0, 40).Select(i => (int)Math.Round(i * 100.0 / 39, MidpointRounding.ToEven))];

    public static string Draw(SetRandom random, RulerValueKind kind, WordPool words) => kind switch
    {
        RulerValueKind.Numbers => Number(random, 7),
        RulerValueKind.Words => $"{words.Draw(random)}-{words.Draw(random)}",
        _ => Uuid(random),
    };

    /// <summary>random.randint(10^(d-1), 10^d - 1).</summary>
    public static string Number(SetRandom random, int digits)
    {
        var low = (long)Math.Pow(10, digits - 1);
        return (low + random.NextInt64((low * 10) - low)).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>str(uuid.UUID(int=getrandbits(128), version=4)): the version nibble 4 and variant bits 10 set.</summary>
    public static string Uuid(SetRandom random)
    {
        var high = (random.NextUInt64() & ~0xF000UL) | 0x4000UL;
        var low = (random.NextUInt64() & ~(0xC000UL << 48)) | (0x8000UL << 48);
        return string.Create(CultureInfo.InvariantCulture, $"{high >> 32:x8}-{(high >> 16) & 0xFFFF:x4}-{high & 0xFFFF:x4}-{low >> 48:x4}-{low & 0xFFFFFFFFFFFFUL:x12}");
    }

    /// <summary><paramref name="length"/> random letters from <paramref name="alphabet"/>.</summary>
    public static string Letters(SetRandom random, int length, string alphabet)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
            chars[i] = alphabet[(int)random.NextInt64(alphabet.Length)];
        return new string(chars);
    }

    /// <summary>Fisher-Yates, in place.</summary>
    public static void Shuffle<T>(SetRandom random, IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = (int)random.NextInt64(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary><paramref name="count"/> distinct items of <paramref name="items"/> (random.sample), in draw order.</summary>
    public static List<T> Sample<T>(SetRandom random, IReadOnlyList<T> items, int count)
    {
        var pool = items.ToList();
        var picked = new List<T>(count);
        for (var i = 0; i < count; i++)
        {
            var j = i + (int)random.NextInt64(pool.Count - i);
            (pool[i], pool[j]) = (pool[j], pool[i]);
            picked.Add(pool[i]);
        }

        return picked;
    }

    /// <summary>Uniform depths in percent (0.01 steps), ascending: RULER's random line positions in a noise or needle haystack.</summary>
    public static double[] UniformDepths(SetRandom random, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => random.NextInt64(10001) / 100.0).Order()];
}
