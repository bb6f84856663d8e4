using System.Text.RegularExpressions;
using UltraLLaDA.Data.Evaluation.LongBench;

namespace UltraLLaDA.Training.Evaluation.LongBench;

/// <summary>
/// LongBench v1's scoring (THUDM/LongBench metrics.py and eval.py's scorer), per prediction and reference, in [0, 1].
/// The Chinese metrics segment with <see cref="ChineseWordSplitter"/> where LongBench uses jieba (a deviation).
/// </summary>
public static partial class LongBenchMetrics
{
    /// <summary>
    /// eval.py's scorer for one prompt: for the first-line datasets (trec, triviaqa, samsum, lsht) the output's
    /// first line after leading line breaks, then the best score over the references.
    /// </summary>
    public static double Score(string metric, string output, IReadOnlyList<string> answers, IReadOnlyList<string>? allClasses, bool firstLineOnly)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(answers);
        var prediction = firstLineOnly ? FirstLine(output) : output;
        var score = 0.0;
        foreach (var answer in answers)
            score = Math.Max(score, Score(metric, prediction, answer, allClasses));
        return score;
    }

    /// <summary>The metric named <paramref name="metric"/> (a <see cref="LongBenchMetricNames"/> value) of one reference.</summary>
    public static double Score(string metric, string prediction, string groundTruth, IReadOnlyList<string>? allClasses) => metric switch
    {
        LongBenchMetricNames.QaF1 => QaF1(prediction, groundTruth),
        LongBenchMetricNames.QaF1Chinese => QaF1Chinese(prediction, groundTruth),
        LongBenchMetricNames.Rouge => Rouge(prediction, groundTruth),
        LongBenchMetricNames.RougeChinese => RougeChinese(prediction, groundTruth),
        LongBenchMetricNames.Classification => Classification(prediction, groundTruth, allClasses ?? throw new ArgumentException("classification_score needs the row's all_classes", nameof(allClasses))),
        LongBenchMetricNames.Retrieval => Retrieval(prediction, groundTruth, EnglishParagraph()),
        LongBenchMetricNames.RetrievalChinese => Retrieval(prediction, groundTruth, ChineseParagraph()),
        LongBenchMetricNames.Count => Count(prediction, groundTruth),
        LongBenchMetricNames.CodeSimilarity => CodeSimilarity(prediction, groundTruth),
        _ => throw new ArgumentException($"'{metric}' is not one of LongBench's metrics", nameof(metric)),
    };

    /// <summary>
    /// Why <paramref name="answers"/> cannot be scored by <paramref name="metric"/> (where metrics.py would raise:
    /// an unknown metric, a class list missing, a retrieval reference without its paragraph number), or null.
    /// </summary>
    public static string? Problem(string metric, IReadOnlyList<string> answers, IReadOnlyList<string>? allClasses)
    {
        ArgumentNullException.ThrowIfNull(answers);
        if (!LongBenchMetricNames.All.Contains(metric, StringComparer.Ordinal))
            return $"metric '{metric}' is not one of LongBench's ({string.Join(", ", LongBenchMetricNames.All)})";
        if (metric == LongBenchMetricNames.Classification && allClasses is not { Count: > 0 })
            return $"{metric} needs all_classes, and the row has none";
        var paragraph = metric switch
        {
            LongBenchMetricNames.Retrieval => EnglishParagraph(),
            LongBenchMetricNames.RetrievalChinese => ChineseParagraph(),
            _ => null,
        };
        return paragraph is not null && answers.FirstOrDefault(a => !paragraph.IsMatch(a)) is { } bad
            ? $"{metric} needs a paragraph number in every answer ('{paragraph}'), and '{bad}' has none"
            : null;
    }

    /// <summary>eval.py: <c>prediction.lstrip('\n').split('\n')[0]</c>.</summary>
    public static string FirstLine(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var text = PythonText.LStrip(output, '\n');
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? text : text[..end];
    }

    /// <summary>f1_score: token-multiset F1 (Counter intersection), 0 when nothing is shared.</summary>
    public static double F1(IReadOnlyList<string> prediction, IReadOnlyList<string> groundTruth)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(groundTruth);
        var counts = groundTruth.GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var same = 0;
        foreach (var token in prediction)
        {
            if (counts.TryGetValue(token, out var left) && left > 0)
            {
                counts[token] = left - 1;
                same++;
            }
        }

        if (same == 0)
            return 0;
        var precision = 1.0 * same / prediction.Count;
        var recall = 1.0 * same / groundTruth.Count;
        return 2 * precision * recall / (precision + recall);
    }

    /// <summary>qa_f1_score: F1 over the white-space words of the normalized texts.</summary>
    public static double QaF1(string prediction, string groundTruth) =>
        F1(PythonText.SplitWhitespace(LongBenchNormalization.NormalizeAnswer(prediction)), PythonText.SplitWhitespace(LongBenchNormalization.NormalizeAnswer(groundTruth)));

    /// <summary>qa_f1_zh_score: F1 over the segmented words, each normalized, empty ones dropped.</summary>
    public static double QaF1Chinese(string prediction, string groundTruth) => F1(ChineseWords(prediction), ChineseWords(groundTruth));

    /// <summary>rouge_score: ROUGE-L F of the rouge package.</summary>
    public static double Rouge(string prediction, string groundTruth) => RougeL.F(prediction, groundTruth);

    /// <summary>rouge_zh_score: ROUGE-L F of the segmented texts, words joined by spaces.</summary>
    public static double RougeChinese(string prediction, string groundTruth) =>
        RougeL.F(PythonText.JoinSpace(ChineseWordSplitter.Cut(prediction)), PythonText.JoinSpace(ChineseWordSplitter.Cut(groundTruth)));

    /// <summary>
    /// classification_score, quirks kept: the classes found in the output (substring match) lose those that are
    /// part of the reference but not equal to it, removed while the list is iterated, so the element after a removed
    /// one is never looked at; then 1 / (classes left) when the reference is among them, else 0. metrics.py's
    /// similarity fallback for no class found sits behind <c>em_match_list != 0</c>, always true for a list, so it never runs.
    /// </summary>
    public static double Classification(string prediction, string groundTruth, IReadOnlyList<string> allClasses)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(groundTruth);
        ArgumentNullException.ThrowIfNull(allClasses);
        var matches = allClasses.Where(c => prediction.Contains(c, StringComparison.Ordinal)).ToList();
        // Python's list iterator walks an index; list.remove drops the first equal element, shifting the rest left.
        for (var i = 0; i < matches.Count; i++)
        {
            var term = matches[i];
            if (groundTruth.Contains(term, StringComparison.Ordinal) && !string.Equals(term, groundTruth, StringComparison.Ordinal))
                matches.RemoveAt(matches.IndexOf(term));
        }

        return matches.Contains(groundTruth, StringComparer.Ordinal) ? 1.0 / matches.Count : 0.0;
    }

    /// <summary>
    /// retrieval_score / retrieval_zh_score: the paragraph number of the reference ("Paragraph N", "段落N"), and the
    /// share of the numbers in the output that equal it (0 when the output has no number).
    /// </summary>
    public static double Retrieval(string prediction, string groundTruth, bool chinese) =>
        Retrieval(prediction, groundTruth, chinese ? ChineseParagraph() : EnglishParagraph());

    /// <summary>count_score: the share of the numbers in the output equal to the reference (0 when none).</summary>
    public static double Count(string prediction, string groundTruth)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(groundTruth);
        return ShareEqual(prediction, groundTruth);
    }

    /// <summary>
    /// code_sim_score: the first line of the output (after leading line breaks) that has no '`', '#' or "//"
    /// (none: the empty string), scored fuzz.ratio against the reference, / 100.
    /// </summary>
    public static double CodeSimilarity(string prediction, string groundTruth)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(groundTruth);
        var line = PythonText.LStrip(prediction, '\n').Split('\n')
            .FirstOrDefault(l => !l.Contains('`', StringComparison.Ordinal) && !l.Contains('#', StringComparison.Ordinal) && !l.Contains("//", StringComparison.Ordinal)) ?? string.Empty;
        return FuzzRatio.Ratio(line, groundTruth) / 100.0;
    }

    /// <summary>eval.py's dataset score: <c>round(100 * sum / count, 2)</c>, the sum taken in order.</summary>
    public static double DatasetScore(IEnumerable<double> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var (total, count) = (0.0, 0);
        foreach (var score in scores)
        {
            total += score;
            count++;
        }

        return count == 0 ? double.NaN : PythonText.Round(100 * total / count, 2);
    }

    private static List<string> ChineseWords(string text) =>
        [.. ChineseWordSplitter.Cut(text).Select(LongBenchNormalization.NormalizeChineseAnswer).Where(t => t.Length > 0)];

    private static double Retrieval(string prediction, string groundTruth, Regex paragraph)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(groundTruth);
        var match = paragraph.Match(groundTruth);
        // metrics.py indexes matches[0]: a reference without a paragraph number raises there.
        if (!match.Success)
            throw new ArgumentException($"the reference '{groundTruth}' names no paragraph", nameof(groundTruth));
        return ShareEqual(prediction, match.Groups[1].Value);
    }

    private static double ShareEqual(string prediction, string target)
    {
        var numbers = Digits().Matches(prediction);
        if (numbers.Count == 0)
            return 0.0;
        return numbers.Count(n => string.Equals(n.Value, target, StringComparison.Ordinal)) / (double)numbers.Count;
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    [GeneratedRegex(@"Paragraph (\d+)")]
    private static partial Regex EnglishParagraph();

    [GeneratedRegex(@"段落(\d+)")]
    private static partial Regex ChineseParagraph();
}
