namespace UltraLLaDA.Data.Evaluation.Ruler;

/// <summary>
/// RULER's freq_words_extraction.py (alpha 2): a vocabulary of L/50 random 6-letter coded words, word k repeated
/// ⌊n·k^-α/ζ(α)⌋ times, shuffled; the most frequent is the noise "...", the answers are the next three.
/// </summary>
internal static class RulerFrequentWordsPrompt
{
    public const double Alpha = 2.0;
    public const int CodedWordLength = 6;

    /// <summary>ζ(2) = π²/6.</summary>
    private static readonly double _zeta = Math.PI * Math.PI / 6;

    public static RulerSizedDraft Draft(Func<SetRandom> fresh, int length) => new(1, count =>
    {
        var random = fresh();
        var size = Math.Max(4, length / 50);
        var vocabulary = new SortedSet<string>(StringComparer.Ordinal);
        while (vocabulary.Count < size)
            vocabulary.Add(RulerDraws.Letters(random, CodedWordLength, "abcdefghijklmnopqrstuvwxyz"));
        var words = vocabulary.ToList();
        RulerDraws.Shuffle(random, words);
        words[0] = "...";
        var sampled = new List<string>();
        for (var k = 1; k <= words.Count; k++)
        {
            var repeats = (int)(count * Math.Pow(k, -Alpha) / _zeta);
            sampled.AddRange(Enumerable.Repeat(words[k - 1], repeats));
        }

        RulerDraws.Shuffle(random, sampled);
        var text = RulerTemplates.FrequentWords.Replace(RulerTemplates.Context, string.Join(" ", sampled), StringComparison.Ordinal);
        return (text, words[1..4]);
    });
}
