namespace UltraLLaDA.Training.Evaluation.LongBench;

/// <summary>
/// fuzzywuzzy 0.18's <c>fuzz.ratio(s1, s2)</c> as LongBench installs it: its requirements list fuzzywuzzy without
/// python-Levenshtein, so the ratio is difflib's <see cref="SequenceMatcher"/> (python-Levenshtein's differs, an
/// indel-distance ratio). Equal strings give 100 (even two empty ones), one empty string 0, else
/// <c>int(round(100 · ratio))</c>, Python's round: half to even.
/// </summary>
public static class FuzzRatio
{
    public static int Ratio(string s1, string s2)
    {
        ArgumentNullException.ThrowIfNull(s1);
        ArgumentNullException.ThrowIfNull(s2);
        if (string.Equals(s1, s2, StringComparison.Ordinal))
            return 100;
        if (s1.Length == 0 || s2.Length == 0)
            return 0;
        return (int)Math.Round(100 * SequenceMatcher.Ratio(s1, s2), MidpointRounding.ToEven);
    }
}
