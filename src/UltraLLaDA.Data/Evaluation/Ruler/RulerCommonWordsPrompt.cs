using System.Globalization;

namespace UltraLLaDA.Data.Evaluation.Ruler;

/// <summary>
/// RULER's common_words_extraction.py: a numbered list where 10 words appear 30 times each and the others 3 times
/// (6 and 1 below 4K), shuffled; the answers are the 10 common words. One solved example of 40 words (10 × 10 and
/// 30 × 3; 20 words, 3 × and 1 × below 4K) comes first.
/// </summary>
internal static class RulerCommonWordsPrompt
{
    public const int CommonWords = 10;

    public static RulerSizedDraft Draft(Func<SetRandom> fresh, int length, WordPool words) => new(CommonWords, count =>
    {
        var random = fresh();
        var small = length < 4096;
        var (exampleList, exampleAnswers) = List(random, words, small ? 20 : 40, small ? 3 : 10, small ? 1 : 3);
        var example = RulerTemplates.CommonWords.Replace(RulerTemplates.Context, exampleList, StringComparison.Ordinal) + " " + Numbered(exampleAnswers);
        var (list, answers) = List(random, words, count, small ? 6 : 30, small ? 1 : 3);
        return (example + "\n" + RulerTemplates.CommonWords.Replace(RulerTemplates.Context, list, StringComparison.Ordinal), answers);
    });

    private static (string List, List<string> Common) List(SetRandom random, WordPool words, int count, int commonRepeats, int uncommonRepeats)
    {
        var picked = words.Sample(random, count);
        var common = picked[..CommonWords];
        var items = new List<string>();
        for (var r = 0; r < commonRepeats; r++)
            items.AddRange(common);
        for (var r = 0; r < uncommonRepeats; r++)
            items.AddRange(picked[CommonWords..]);
        RulerDraws.Shuffle(random, items);
        return (Numbered(items), common);
    }

    /// <summary>"1. a 2. b 3. c".</summary>
    private static string Numbered(IEnumerable<string> items) =>
        string.Join(" ", items.Select((w, i) => string.Create(CultureInfo.InvariantCulture, $"{i + 1}. {w}")));
}
