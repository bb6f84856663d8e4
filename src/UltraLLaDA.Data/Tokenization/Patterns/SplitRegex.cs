using System.Text.RegularExpressions;

namespace UltraLLaDA.Data.Tokenization.Patterns;

/// <summary>
/// A translated split pattern compiled for one worker, which finds its matches in a piece of text
/// the way Oniguruma would on the same text in UTF-8: characters outside the BMP count as one
/// character of their own category (see <see cref="AstralStandIns"/>), and a lone surrogate, which
/// the reference receives as U+FFFD after UTF-8 conversion, counts as U+FFFD.
/// </summary>
internal sealed class SplitRegex
{
    private readonly Regex _regex;
    private readonly AstralStandIns _standIns;
    private char[] _shadow = new char[256];
    private int[] _offsets = new int[257];

    private SplitRegex(Regex regex, AstralStandIns standIns)
    {
        _regex = regex;
        _standIns = standIns;
    }

    /// <summary>
    /// Translates and compiles <paramref name="onigurumaPattern"/>; throws
    /// <see cref="UnsupportedPatternException"/> when that cannot be done exactly.
    /// </summary>
    public static SplitRegex Create(string onigurumaPattern)
    {
        var translated = OnigurumaPatternTranslator.Translate(onigurumaPattern);
        Regex regex;
        try
        {
            regex = new Regex(translated.Pattern, RegexOptions.Compiled | RegexOptions.CultureInvariant);
        }
        catch (ArgumentException e)
        {
            throw new UnsupportedPatternException($"the translated pattern {translated.Pattern} does not compile in .NET: {e.Message}", e);
        }
        return new SplitRegex(regex, AstralStandIns.For(translated));
    }

    /// <summary>A copy with its own compiled Regex (a Regex instance caches one runner; sharing it makes threads contend).</summary>
    public SplitRegex CreateWorker() =>
        new(new Regex(_regex.ToString(), _regex.Options), _standIns);

    /// <summary>Appends (start, length) of every non-empty match in <paramref name="input"/>, in order.</summary>
    public void FindMatches(ReadOnlySpan<char> input, List<(int Start, int Length)> matches)
    {
        if (input.IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
        {
            foreach (var match in _regex.EnumerateMatches(input))
            {
                if (match.Length > 0)
                    matches.Add((match.Index, match.Length));
            }
            return;
        }

        var shadowLength = BuildShadow(input);
        var offsets = _offsets;
        foreach (var match in _regex.EnumerateMatches(_shadow.AsSpan(0, shadowLength)))
        {
            if (match.Length == 0)
                continue;
            var start = offsets[match.Index];
            matches.Add((start, offsets[match.Index + match.Length] - start));
        }
    }

    // The shadow holds one char per code point; _offsets maps a shadow index to the input index.
    private int BuildShadow(ReadOnlySpan<char> input)
    {
        if (_shadow.Length < input.Length)
        {
            _shadow = new char[input.Length];
            _offsets = new int[input.Length + 1];
        }
        var shadow = _shadow;
        var offsets = _offsets;
        var j = 0;
        for (var i = 0; i < input.Length; i++, j++)
        {
            var c = input[i];
            offsets[j] = i;
            if (char.IsHighSurrogate(c) && i + 1 < input.Length && char.IsLowSurrogate(input[i + 1]))
            {
                shadow[j] = _standIns.For(char.ConvertToUtf32(c, input[i + 1]));
                i++;
            }
            else
            {
                shadow[j] = char.IsSurrogate(c) ? '\uFFFD' : c;
            }
        }
        offsets[j] = input.Length;
        return j;
    }
}
