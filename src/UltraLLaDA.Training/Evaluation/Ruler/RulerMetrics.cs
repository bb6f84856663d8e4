using System.Text.RegularExpressions;
using UltraLLaDA.Data.Evaluation.Ruler;

namespace UltraLLaDA.Training.Evaluation.Ruler;

/// <summary>
/// RULER's scoring (scripts/eval/evaluate.py and scripts/eval/synthetic/constants.py), per prompt, in [0, 1] (RULER
/// reports the mean × 100): the output is stripped and its control characters become line breaks, then each
/// reference is looked for in it, both lowercased.
/// </summary>
public static partial class RulerMetrics
{
    /// <summary>evaluate.py's postprocess_pred: strip, control characters (U+0000–U+001F) to "\n", strip again.</summary>
    public static string Postprocess(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return Control().Replace(output.Trim(), "\n").Trim();
    }

    /// <summary>string_match_all: the share of <paramref name="references"/> the output contains.</summary>
    public static double StringMatchAll(string output, IReadOnlyList<string> references)
    {
        ArgumentNullException.ThrowIfNull(references);
        var lower = output.ToLowerInvariant();
        return references.Count(r => lower.Contains(r.ToLowerInvariant(), StringComparison.Ordinal)) / (double)references.Count;
    }

    /// <summary>string_match_part: 1 when the output contains any of <paramref name="references"/>.</summary>
    public static double StringMatchPart(string output, IReadOnlyList<string> references)
    {
        ArgumentNullException.ThrowIfNull(references);
        var lower = output.ToLowerInvariant();
        return references.Any(r => lower.Contains(r.ToLowerInvariant(), StringComparison.Ordinal)) ? 1 : 0;
    }

    /// <summary>The prompt's score by its metric's name, on the post-processed output.</summary>
    public static double Score(string metric, string output, IReadOnlyList<string> references) => metric switch
    {
        RulerMetricNames.StringMatchAll => StringMatchAll(Postprocess(output), references),
        RulerMetricNames.StringMatchPart => StringMatchPart(Postprocess(output), references),
        _ => throw new ArgumentException($"'{metric}' is not one of RULER's metrics", nameof(metric)),
    };

    [GeneratedRegex("[\\x00-\\x1f]")]
    private static partial Regex Control();
}
