using System.Text.RegularExpressions;

namespace UltraLLaDA.Data.Evaluation.Ruler;

/// <summary>
/// The English words RULER's keys and word lists are drawn from. RULER takes them from the wonderwords package
/// (adjective, noun and verb lists); here they are the distinct lowercase words of the input's books (3 to 12
/// letters, a-z only), in ordinal order, so a set needs nothing but its input.
/// </summary>
internal sealed partial class WordPool
{
    private WordPool(string[] words) => Words = words;

    public IReadOnlyList<string> Words { get; }

    public static WordPool From(string text)
    {
        var words = new SortedSet<string>(StringComparer.Ordinal);
        foreach (Match match in Word().Matches(text))
            words.Add(match.Value);
        if (words.Count < 100)
            throw new EvalSetException($"the input's books hold only {words.Count} distinct lowercase words; RULER's keys and word lists need at least 100");
        return new WordPool([.. words]);
    }

    public string Draw(SetRandom random) => Words[(int)random.NextInt64(Words.Count)];

    /// <summary><paramref name="count"/> distinct words (a partial shuffle of the pool).</summary>
    public List<string> Sample(SetRandom random, int count)
    {
        if (count > Words.Count)
            throw new EvalSetException($"the input's books hold {Words.Count} distinct lowercase words; this prompt needs {count} (give an input with more text or shorter lengths)");
        var order = Enumerable.Range(0, Words.Count).ToArray();
        var picked = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var j = i + (int)random.NextInt64(order.Length - i);
            (order[i], order[j]) = (order[j], order[i]);
            picked.Add(Words[order[i]]);
        }

        return picked;
    }

    [GeneratedRegex(@"(?<![A-Za-z'\-])[a-z]{3,12}(?![A-Za-z'\-])")]
    private static partial Regex Word();
}
