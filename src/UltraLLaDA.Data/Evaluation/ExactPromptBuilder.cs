using UltraLLaDA.Data.Tokenization;

namespace UltraLLaDA.Data.Evaluation;

/// <summary>
/// Builds NIAH prompts of exactly L tokens from token pieces: haystack tokens (a slice of the tokenized haystack
/// text), each needle sentence and the question, each tokenized on its own, so the count is exact by construction
/// and the needle's tokens sit at known offsets. A tokenizer may merge differently across a join, though, so a
/// prompt is accepted only when its decoded text tokenizes back to exactly the same L tokens; each cut point (the
/// needle's place, the haystack's start) is moved token by token, sentence ends first, until it does.
/// </summary>
/// <remarks>
/// Because of that check, the prompt is L tokens both ways: as the ids in the shard and as the text a Python
/// tokenizer would see, and the recorded needle offsets hold the needle's tokens in both.
/// </remarks>
internal sealed class ExactPromptBuilder
{
    /// <summary>Tokens on each side of a join that its quick check re-tokenizes.</summary>
    private const int JoinWindow = 8;

    /// <summary>Haystack starts tried: 0, then the starts of the following paragraphs.</summary>
    private const int MaxStarts = 32;

    private readonly ITextTokenizer _tokenizer;
    private readonly uint[] _haystack;
    private readonly TokenBuffer _scratch = new(1 << 16);

    public ExactPromptBuilder(ITextTokenizer tokenizer, uint[] haystack)
    {
        _tokenizer = tokenizer;
        _haystack = haystack;
    }

    public uint[] Encode(string text)
    {
        _scratch.Clear();
        _tokenizer.Encode(text, _scratch);
        return _scratch.ToArray();
    }

    /// <summary>A prompt of <paramref name="length"/> tokens: haystack with the needles at their depths, then the question.</summary>
    /// <param name="length">The prompt's length in tokens.</param>
    /// <param name="needles">Each needle's tokens and its depth in percent of the haystack.</param>
    /// <param name="question">What follows the haystack.</param>
    /// <param name="prefix">What comes before the haystack (RULER's instruction), or null.</param>
    /// <param name="keepOrder">Keep the needles in the order given (a chain of assignments must read in order): each is placed at or after the one before.</param>
    /// <param name="lineStarts">Prefer places right after a line break (needles that are lines of their own) to places after any sentence end.</param>
    public AssembledPrompt Build(int length, IReadOnlyList<(uint[] Tokens, double Depth)> needles, uint[] question, uint[]? prefix = null, bool keepOrder = false, bool lineStarts = false)
    {
        prefix ??= [];
        var fixedTokens = prefix.Length + needles.Sum(n => n.Tokens.Length) + question.Length;
        var hay = length - fixedTokens;
        if (hay < 1)
            throw new EvalSetException(EvalSetting.Lengths, $" {length}: too short for the needle(s) and the question, which take {fixedTokens} tokens");
        if (hay > _haystack.Length)
            throw new EvalSetException(EvalSetting.Lengths, $" {length}: longer than the corpus: the haystack text has {_haystack.Length} tokens and this prompt needs {hay} of them");

        foreach (var start in Starts(hay))
        {
            if (!RoundTrips([.. Hay(start, hay - JoinWindow, hay), .. question.AsSpan(0, Math.Min(JoinWindow, question.Length))]))
                continue;
            var positions = new int[needles.Count];
            var placed = true;
            for (var i = 0; i < needles.Count && placed; i++)
            {
                var position = Place(start, hay, needles[i].Tokens, needles[i].Depth, question, prefix, keepOrder && i > 0 ? positions[i - 1] : 0, lineStarts);
                placed = position is not null;
                positions[i] = position ?? 0;
            }

            if (!placed)
                continue;
            var prompt = Assemble(start, hay, needles, positions, question, prefix);
            if (RoundTrips(prompt.Tokens))
                return prompt;
        }

        throw new EvalSetException(EvalSetting.Lengths, $" {length}: no cut of the haystack gave a prompt that re-tokenizes to the same {length} tokens with {_tokenizer.Info.Name} (tried up to {2 * MaxStarts} haystack starts)");
    }

    /// <summary>
    /// Haystack start offsets to try: 0, then each token after a line break, then (for a haystack whose lines all
    /// look alike, such as RULER's noise, where every line start ends the slice at the same place) the first tokens.
    /// </summary>
    private IEnumerable<int> Starts(int hay)
    {
        yield return 0;
        var tried = 1;
        var lineStarts = new HashSet<int>();
        for (var p = 1; p + hay <= _haystack.Length && tried < MaxStarts; p++)
        {
            if (_tokenizer.Decode(_haystack.AsSpan(p - 1, 1)).EndsWith('\n'))
            {
                tried++;
                lineStarts.Add(p);
                yield return p;
            }
        }

        for (var p = 1; p + hay <= _haystack.Length && p <= MaxStarts; p++)
        {
            if (!lineStarts.Contains(p))
                yield return p;
        }
    }

    /// <summary>
    /// Where in the haystack slice the needle goes: the position nearest depth·hay whose joins re-tokenize the same,
    /// preferring positions after a sentence end; null when none within a few percent of the haystack does.
    /// </summary>
    private int? Place(int start, int hay, uint[] needle, double depth, uint[] question, uint[] prefix, int lowest, bool lineStarts)
    {
        var target = (int)Math.Round(depth / 100.0 * hay, MidpointRounding.AwayFromZero);
        var radius = Math.Max(16, hay / 40);
        foreach (var sentencesOnly in new[] { true, false })
        {
            foreach (var position in Around(target, radius))
            {
                if (position < lowest || position > hay)
                    continue;
                if (sentencesOnly && !(lineStarts ? AfterLineBreak(start, position, prefix) : AfterSentenceEnd(start, position)))
                    continue;
                ReadOnlySpan<uint> after = position < hay ? Hay(start, position, Math.Min(hay, position + JoinWindow)) : question.AsSpan(0, Math.Min(JoinWindow, question.Length));
                // Near the haystack's start the tokens before the needle are the prefix's last ones.
                ReadOnlySpan<uint> before = position >= JoinWindow ? Hay(start, position - JoinWindow, position)
                    : [.. prefix.AsSpan(Math.Max(0, prefix.Length - (JoinWindow - position))), .. Hay(start, 0, position)];
                if (RoundTrips([.. before, .. needle, .. after]))
                    return position;
            }
        }

        return null;
    }

    /// <summary>The target, then one token before it, one after, two before, ...</summary>
    private static IEnumerable<int> Around(int target, int radius)
    {
        yield return target;
        for (var distance = 1; distance <= radius; distance++)
        {
            yield return target - distance;
            yield return target + distance;
        }
    }

    private bool AfterLineBreak(int start, int position, uint[] prefix)
    {
        var before = position > 0 ? _tokenizer.Decode(_haystack.AsSpan(start + position - 1, 1))
            : prefix.Length > 0 ? _tokenizer.Decode(prefix.AsSpan(prefix.Length - 1)) : "\n";
        return before.EndsWith('\n');
    }

    private bool AfterSentenceEnd(int start, int position)
    {
        if (position == 0)
            return true;
        var before = _tokenizer.Decode(_haystack.AsSpan(start + position - 1, 1)).TrimEnd(' ', '"', '\'', '\u201D', '\u2019', ')');
        return before.Length > 0 && before[^1] is '.' or '!' or '?' or '\n';
    }

    private AssembledPrompt Assemble(int start, int hay, IReadOnlyList<(uint[] Tokens, double Depth)> needles, int[] positions, uint[] question, uint[] prefix)
    {
        var length = prefix.Length + hay + needles.Sum(n => n.Tokens.Length) + question.Length;
        var tokens = new List<uint>(length);
        tokens.AddRange(prefix);
        var starts = new int[needles.Count];
        var ends = new int[needles.Count];
        var hayAt = 0;
        foreach (var i in Enumerable.Range(0, needles.Count).OrderBy(i => positions[i]).ThenBy(i => i))
        {
            tokens.AddRange(Hay(start, hayAt, positions[i]));
            hayAt = positions[i];
            starts[i] = tokens.Count;
            tokens.AddRange(needles[i].Tokens);
            ends[i] = tokens.Count;
        }

        tokens.AddRange(Hay(start, hayAt, hay));
        var questionStart = tokens.Count;
        tokens.AddRange(question);
        return new AssembledPrompt([.. tokens], starts, ends, questionStart, start);
    }

    private ReadOnlySpan<uint> Hay(int start, int from, int to)
    {
        from = Math.Max(from, 0);
        return _haystack.AsSpan(start + from, Math.Max(0, Math.Min(to, _haystack.Length - start) - from));
    }

    /// <summary>True when the tokens' decoded text tokenizes to exactly the same tokens.</summary>
    private bool RoundTrips(ReadOnlySpan<uint> tokens)
    {
        var text = _tokenizer.Decode(tokens);
        _scratch.Clear();
        _tokenizer.Encode(text, _scratch);
        return _scratch.Span.SequenceEqual(tokens);
    }
}
