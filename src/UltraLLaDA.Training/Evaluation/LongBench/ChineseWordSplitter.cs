using System.Text;

namespace UltraLLaDA.Training.Evaluation.LongBench;

/// <summary>
/// The stand-in for jieba's <c>cut(text, cut_all=False)</c>, which LongBench's Chinese metrics segment with and which
/// cannot be shipped (its dictionary and HMM model). A deviation: every CJK ideograph is its own word (jieba
/// would join many into words of two or more), while the rest follows jieba's shape: a run of ASCII letters and
/// digits is one word, a run of white space is one token, any other character is a token of its own. Joining the
/// tokens gives the text back. Character-level scores are usually higher than jieba's word-level ones.
/// </summary>
public static class ChineseWordSplitter
{
    /// <summary>Words and separators of <paramref name="text"/>, in order.</summary>
    public static IReadOnlyList<string> Cut(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>();
        var run = new StringBuilder();
        var runKind = Kind.None;
        foreach (var rune in text.EnumerateRunes())
        {
            var kind = KindOf(rune);
            if (kind != runKind || kind == Kind.Single)
            {
                Flush();
                runKind = kind;
            }

            run.Append(rune.ToString());
        }

        Flush();
        return tokens;

        void Flush()
        {
            if (run.Length > 0)
                tokens.Add(run.ToString());
            run.Clear();
        }
    }

    private enum Kind
    {
        None,
        AsciiWord,
        Space,
        Single,
    }

    private static Kind KindOf(Rune rune)
    {
        if (rune.IsAscii && char.IsAsciiLetterOrDigit((char)rune.Value))
            return Kind.AsciiWord;
        if (rune.IsBmp && PythonText.IsSpace((char)rune.Value))
            return Kind.Space;
        return Kind.Single;
    }
}
