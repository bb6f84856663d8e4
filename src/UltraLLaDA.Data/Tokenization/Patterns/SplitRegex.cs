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
    /// <summary>
    /// How long one match of a pattern that nests repetition (<see cref="BacktrackingRisk"/>) may take before the
    /// pattern is declared to backtrack catastrophically. Legitimate matches take microseconds (a word) to well under
    /// a second (a megabyte-long run of spaces), so only a pattern such as <c>(a+)+$</c> on an input that defeats it
    /// comes near; without a limit it would hang the job instead of failing it.
    /// </summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(5);

    private readonly Regex _regex;
    private readonly AstralStandIns _standIns;
    private readonly PatternOrigin _origin;
    private char[] _shadow = new char[256];
    private int[] _offsets = new int[257];

    private SplitRegex(Regex regex, AstralStandIns standIns, PatternOrigin origin)
    {
        _regex = regex;
        _standIns = standIns;
        _origin = origin;
    }

    /// <summary>
    /// Translates and compiles <paramref name="onigurumaPattern"/>; throws
    /// <see cref="UnsupportedPatternException"/> when that cannot be done exactly.
    /// </summary>
    /// <param name="onigurumaPattern">The pattern as the tokenizer writes it.</param>
    /// <param name="origin">Where the pattern comes from, named by the error a catastrophic match ends in.</param>
    public static SplitRegex Create(string onigurumaPattern, PatternOrigin? origin = null)
    {
        var translated = OnigurumaPatternTranslator.Translate(onigurumaPattern);
        Regex regex;
        try
        {
            // Only a risky pattern pays for the clock checks a timeout adds to every matching loop.
            var timeout = BacktrackingRisk.HasNestedRepetition(translated.Pattern) ? MatchTimeout : Regex.InfiniteMatchTimeout;
            regex = new Regex(translated.Pattern, RegexOptions.Compiled | RegexOptions.CultureInvariant, timeout);
        }
        catch (ArgumentException e)
        {
            throw new UnsupportedPatternException($"the translated pattern {translated.Pattern} does not compile in .NET: {e.Message}", e);
        }
        return new SplitRegex(regex, AstralStandIns.For(translated), origin ?? PatternOrigin.Unnamed(onigurumaPattern));
    }

    /// <summary>Whether matching runs under <see cref="MatchTimeout"/> (the pattern nests repetition).</summary>
    public bool HasMatchTimeout => _regex.MatchTimeout != Regex.InfiniteMatchTimeout;

    /// <summary>A copy with its own compiled Regex (a Regex instance caches one runner; sharing it makes threads contend).</summary>
    public SplitRegex CreateWorker() =>
        new(new Regex(_regex.ToString(), _regex.Options, _regex.MatchTimeout), _standIns, _origin);

    /// <summary>
    /// Appends (start, length) of every non-empty match in <paramref name="input"/>, in order. A match that runs past
    /// <see cref="MatchTimeout"/> (only a pattern that nests repetition has one) ends in a <see cref="TokenizerLoadException"/> naming the tokenizer and where in the
    /// text it happened (<paramref name="textOffset"/>: where <paramref name="input"/> starts in the text being encoded).
    /// </summary>
    public void FindMatches(ReadOnlySpan<char> input, List<(int Start, int Length)> matches, int textOffset = 0)
    {
        // Where the scan in progress began (input index): after the last match, one further after an empty one.
        var scan = 0;
        try
        {
            if (input.IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
            {
                foreach (var match in _regex.EnumerateMatches(input))
                {
                    scan = match.Index + Math.Max(match.Length, 1);
                    if (match.Length > 0)
                        matches.Add((match.Index, match.Length));
                }
                return;
            }

            var shadowLength = BuildShadow(input);
            var offsets = _offsets;
            foreach (var match in _regex.EnumerateMatches(_shadow.AsSpan(0, shadowLength)))
            {
                scan = offsets[Math.Min(shadowLength, match.Index + Math.Max(match.Length, 1))];
                if (match.Length == 0)
                    continue;
                var start = offsets[match.Index];
                matches.Add((start, offsets[match.Index + match.Length] - start));
            }
        }
        catch (RegexMatchTimeoutException e)
        {
            throw _origin.Backtracked(e.MatchTimeout, textOffset + scan, input.Length - scan, e);
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
