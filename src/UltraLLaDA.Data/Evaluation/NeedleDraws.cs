using System.Globalization;

namespace UltraLLaDA.Data.Evaluation;

/// <summary>
/// Random keys (adjective-noun pairs, as RULER's word keys) and values (numbers of a fixed digit count), drawn from a
/// seeded generator. A value is never taken from the haystack: a draw whose digits occur anywhere in the haystack
/// text is drawn again.
/// </summary>
internal static class NeedleDraws
{
    private static readonly string[] _adjectives =
    [
        "amber", "brave", "calm", "dusty", "eager", "faint", "gentle", "hollow", "icy", "jolly", "keen", "lively",
        "mellow", "nimble", "odd", "pale", "quiet", "rapid", "silent", "tidy", "upbeat", "vivid", "wary", "young",
        "zesty", "bold", "crisp", "damp", "early", "fuzzy", "grand", "hasty",
    ];

    private static readonly string[] _nouns =
    [
        "anchor", "badger", "candle", "dragon", "engine", "falcon", "garden", "harbor", "island", "jacket", "kettle",
        "lantern", "meadow", "needle", "orchard", "pepper", "quarry", "river", "saddle", "tunnel", "umbrella",
        "violin", "walnut", "yarrow", "zephyr", "bridge", "cobalt", "dune", "ember", "forest", "glacier", "hammer",
    ];

    /// <summary><paramref name="count"/> distinct keys.</summary>
    public static List<string> Keys(SetRandom random, int count)
    {
        var keys = new List<string>(count);
        while (keys.Count < count)
        {
            var key = $"{_adjectives[random.NextInt64(_adjectives.Length)]}-{_nouns[random.NextInt64(_nouns.Length)]}";
            if (!keys.Contains(key))
                keys.Add(key);
        }

        return keys;
    }

    /// <summary><paramref name="count"/> distinct values of <paramref name="digits"/> digits, none found in <paramref name="haystack"/>.</summary>
    public static List<string> Values(SetRandom random, int count, int digits, string haystack)
    {
        var low = (long)Math.Pow(10, digits - 1);
        var values = new List<string>(count);
        for (var attempt = 0; values.Count < count; attempt++)
        {
            if (attempt == 10_000)
                throw new EvalSetException(EvalSetting.ValueDigits, $" {digits}: no value of that many digits is absent from the haystack; use more digits");
            var value = (low + random.NextInt64((low * 10) - low)).ToString(CultureInfo.InvariantCulture);
            if (!values.Contains(value) && !haystack.Contains(value, StringComparison.Ordinal))
                values.Add(value);
        }

        return values;
    }
}
