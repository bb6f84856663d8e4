using System.Globalization;
using System.Text;

namespace UltraLLaDA.Training.Evaluation.LongBench;

/// <summary>
/// The few Python string operations LongBench's metrics.py relies on, with Python's semantics rather than .NET's
/// where they differ: <c>str.split()</c> splits on Python's whitespace (which also counts U+001C–U+001F),
/// <c>round(x, n)</c> rounds the double's exact value half-to-even, and sequences are of code points, not UTF-16 units.
/// </summary>
internal static class PythonText
{
    /// <summary>ASCII punctuation: Python's <c>string.punctuation</c>.</summary>
    public const string Punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    /// <summary>Python's <c>str.isspace</c> for one UTF-16 unit: .NET's white space plus the four separators U+001C–U+001F.</summary>
    public static bool IsSpace(char c) => char.IsWhiteSpace(c) || c is >= '\u001c' and <= '\u001f';

    /// <summary><c>s.split()</c>: runs of white space separate, none at either end, no empty pieces.</summary>
    public static List<string> SplitWhitespace(string s)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= s.Length; i++)
        {
            var space = i == s.Length || IsSpace(s[i]);
            if (space && start >= 0)
            {
                words.Add(s[start..i]);
                start = -1;
            }
            else if (!space && start < 0)
            {
                start = i;
            }
        }

        return words;
    }

    /// <summary><c>s.lstrip(chars)</c> for one character.</summary>
    public static string LStrip(string s, char c) => s.TrimStart(c);

    /// <summary><c>str.lower()</c> (invariant simple case mapping; Python's full mapping differs only for a handful of letters such as U+0130).</summary>
    public static string Lower(string s) => s.ToLowerInvariant();

    /// <summary>The code points of <paramref name="s"/>: Python's view of a string as a sequence.</summary>
    public static int[] CodePoints(string s)
    {
        var points = new List<int>(s.Length);
        foreach (var rune in s.EnumerateRunes())
            points.Add(rune.Value);
        return [.. points];
    }

    /// <summary>
    /// Python's <c>round(value, digits)</c>: the double's exact decimal value (every double has one) rounded half to
    /// even, so 2.675 (stored as 2.67499…) gives 2.67 and 0.125 gives 0.12.
    /// </summary>
    public static double Round(double value, int digits)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
            return value;
        // "E25" prints enough exact digits that no double near a tie is mistaken for one (see the tests).
        var exact = decimal.Parse(value.ToString("E25", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
        return (double)decimal.Round(exact, digits, MidpointRounding.ToEven);
    }

    /// <summary>Joins <paramref name="parts"/> with one space (Python's <c>" ".join</c>).</summary>
    public static string JoinSpace(IEnumerable<string> parts) => new StringBuilder().AppendJoin(' ', parts).ToString();
}
