using System.Text;
using System.Text.RegularExpressions;

namespace UltraLLaDA.Training.Evaluation.LongBench;

/// <summary>LongBench metrics.py's answer normalization, English (SQuAD's) and Chinese.</summary>
public static partial class LongBenchNormalization
{
    /// <summary>normalize_zh_answer's cn_punctuation, character for character (it ends with an ASCII full stop).</summary>
    public const string ChinesePunctuation = "！？｡。＂＃＄％＆＇（）＊＋，－／：；＜＝＞＠［＼］＾＿｀｛｜｝～｟｠｢｣､、〃》「」『』【】〔〕〖〗〘〙〚〛〜〝〞〟〰〾〿–—‘’‛“”„‟…‧﹏.";

    private static readonly HashSet<char> _ascii = [.. PythonText.Punctuation];
    private static readonly HashSet<char> _all = [.. PythonText.Punctuation + ChinesePunctuation];

    /// <summary>
    /// normalize_answer: lower case, drop ASCII punctuation, replace the words a / an / the by a space, collapse white
    /// space (in that order, as metrics.py nests the calls).
    /// </summary>
    public static string NormalizeAnswer(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var text = Remove(PythonText.Lower(s), _ascii);
        text = Articles().Replace(text, " ");
        return PythonText.JoinSpace(PythonText.SplitWhitespace(text));
    }

    /// <summary>normalize_zh_answer: lower case, drop ASCII and Chinese punctuation, remove all white space.</summary>
    public static string NormalizeChineseAnswer(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return string.Concat(PythonText.SplitWhitespace(Remove(PythonText.Lower(s), _all)));
    }

    private static string Remove(string text, HashSet<char> excluded)
    {
        var kept = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!excluded.Contains(c))
                kept.Append(c);
        }

        return kept.ToString();
    }

    // Python's \b on a str pattern: between a Unicode word character and a non-word one, as .NET's \b.
    [GeneratedRegex(@"\b(a|an|the)\b")]
    private static partial Regex Articles();
}
