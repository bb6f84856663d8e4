namespace UltraLLaDA.Data.Tokenization.Patterns;

/// <summary>
/// Whether a translated split pattern can backtrack exponentially: it repeats (with a quantifier that allows more
/// than one iteration) a group that itself holds a quantifier or an alternation, as in <c>(a+)+$</c>,
/// <c>(\s?\p{L}+)*$</c> or <c>(a|ab)+$</c>. Such nesting is what lets a backtracking engine try exponentially many
/// ways to split one input; the split patterns of real tokenizers (GPT-2, Llama-3, Qwen, o200k, DeepSeek) have none.
/// <see cref="SplitRegex"/> puts a match timeout on a risky pattern only: a timeout makes .NET check the clock inside
/// its matching loops, which costs the vetted patterns a fifth of their matching speed for nothing.
/// The check is conservative (any nesting counts, even one that could not blow up); it does not see the
/// polynomial blow-up of overlapping adjacent quantifiers (<c>\s*\s*\s*$</c>), which needs no nesting.
/// </summary>
internal static class BacktrackingRisk
{
    /// <summary>True when <paramref name="netPattern"/> (a pattern as the translator writes it) nests repetition.</summary>
    public static bool HasNestedRepetition(string netPattern)
    {
        ArgumentNullException.ThrowIfNull(netPattern);

        // One flag per open group: does its body hold a quantifier or an alternation?
        var groups = new Stack<bool>();
        var lastGroupRepeats = (bool?)null; // set right after a ')': did that group's body repeat?
        for (var i = 0; i < netPattern.Length; i++)
        {
            var c = netPattern[i];
            var closedGroup = (bool?)null;
            switch (c)
            {
                case '\\':
                    i++;
                    break;
                case '[':
                    i = SkipClass(netPattern, i);
                    break;
                case '(':
                    groups.Push(false);
                    i = SkipGroupKind(netPattern, i);
                    break;
                case ')':
                    if (groups.Count > 0)
                    {
                        closedGroup = groups.Pop();
                        MarkEnclosing(groups, closedGroup.Value);
                    }
                    break;
                case '|':
                    MarkEnclosing(groups, true);
                    break;
                case '*' or '+' or '?' or '{':
                    var many = c switch
                    {
                        '*' or '+' => true,
                        '?' => false,
                        _ => AllowsMany(netPattern, ref i),
                    };
                    if (i + 1 < netPattern.Length && netPattern[i + 1] == '?')
                        i++; // lazy: the same risk
                    if (many && lastGroupRepeats == true)
                        return true;
                    MarkEnclosing(groups, true);
                    break;
            }

            lastGroupRepeats = closedGroup;
        }

        return false;
    }

    // The top level needs no flag: only a group can be repeated as a whole.
    private static void MarkEnclosing(Stack<bool> groups, bool value)
    {
        if (!value || groups.Count == 0)
            return;
        groups.Pop();
        groups.Push(true);
    }

    // The "?:", "?=", "?<!", "?m:" ... after a '(' at i is no quantifier: returns the index of its last character.
    private static int SkipGroupKind(string pattern, int i)
    {
        if (i + 1 >= pattern.Length || pattern[i + 1] != '?')
            return i;
        i += 2;
        if (i + 1 < pattern.Length && pattern[i] == '<' && pattern[i + 1] is '=' or '!')
            return i + 1;
        if (i < pattern.Length && pattern[i] is ':' or '=' or '!' or '>')
            return i;
        while (i < pattern.Length && (char.IsAsciiLetter(pattern[i]) || pattern[i] == '-'))
            i++;
        // On the ':' of (?m:...); before the ')' of (?m), which then closes the group it opened.
        return i < pattern.Length && pattern[i] == ')' ? i - 1 : i;
    }

    // {n}, {n,}, {n,m} at i: true when more than one iteration is allowed; leaves i on the '}'.
    private static bool AllowsMany(string pattern, ref int i)
    {
        var end = pattern.IndexOf('}', i);
        if (end < 0)
            return false;
        var body = pattern.AsSpan(i + 1, end - i - 1);
        i = end;
        var comma = body.IndexOf(',');
        var high = comma < 0 ? body : body[(comma + 1)..];
        if (high.IsEmpty)
            return true;
        return !int.TryParse(high, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var max) || max > 1;
    }

    // A character class from its '[' at i, with escapes and .NET subtractions ([a-z-[aeiou]]); returns its ']'.
    private static int SkipClass(string pattern, int i)
    {
        var depth = 0;
        for (; i < pattern.Length; i++)
        {
            switch (pattern[i])
            {
                case '\\':
                    i++;
                    break;
                case '[' when depth == 0 || pattern[i - 1] == '-':
                    depth++;
                    break;
                case ']':
                    if (--depth == 0)
                        return i;
                    break;
            }
        }

        return i;
    }
}
