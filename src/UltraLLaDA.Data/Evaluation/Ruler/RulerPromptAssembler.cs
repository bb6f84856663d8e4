using UltraLLaDA.Data.Tokenization;

namespace UltraLLaDA.Data.Evaluation.Ruler;

/// <summary>
/// Turns RULER drafts into prompts of exactly L tokens with <see cref="ExactPromptBuilder"/>. A haystack draft gets
/// its instruction, then as much haystack as makes L with the needles at their depths, then the question. A sized
/// draft gets the largest count whose text fits in L - 1 tokens (RULER searches the same way for "fits in L"), and
/// the few tokens still missing are noise sentences before it, so that the length is exact.
/// </summary>
internal sealed class RulerPromptAssembler
{
    private readonly ITextTokenizer _tokenizer;
    private readonly uint[] _noise;
    private readonly ExactPromptBuilder _filler;
    private readonly TokenBuffer _scratch = new(1 << 16);

    /// <param name="tokenizer">The set's tokenizer.</param>
    /// <param name="noise">RULER's noise sentences, one per line, tokenized: the noise haystack and the filler.</param>
    public RulerPromptAssembler(ITextTokenizer tokenizer, uint[] noise)
    {
        _tokenizer = tokenizer;
        _noise = noise;
        _filler = new ExactPromptBuilder(tokenizer, noise);
    }

    public int Count(string text)
    {
        _scratch.Clear();
        _tokenizer.Encode(text, _scratch);
        return _scratch.Count;
    }

    public uint[] Encode(string text) => _filler.Encode(text);

    /// <summary>The draft over <paramref name="haystack"/> (null: the noise haystack).</summary>
    public AssembledPrompt Build(int length, RulerHaystackDraft draft, uint[]? haystack)
    {
        var builder = haystack is null ? _filler : new ExactPromptBuilder(_tokenizer, haystack);
        var lines = draft.Separator == "\n";
        var needles = draft.Needles.Select(n => (builder.Encode(lines ? n.Text + "\n" : " " + n.Text), n.Depth)).ToList();
        return builder.Build(length, needles, builder.Encode(draft.Question), builder.Encode(draft.Prefix), draft.KeepOrder, lineStarts: lines);
    }

    /// <summary>The draft at the largest count that fits, with noise before it to make the length exact.</summary>
    public (AssembledPrompt Prompt, IReadOnlyList<string> Answers, int Count) Build(int length, RulerSizedDraft draft, string task)
    {
        var budget = length - 1;
        int Tokens(int count) => Count("\n" + draft.Compose(count).Text);
        if (Tokens(draft.Smallest) > budget)
            throw new EvalSetException(EvalSetting.Lengths, $" {length}: too short for RULER's {task}, whose smallest prompt takes {Tokens(draft.Smallest)} tokens");

        var low = draft.Smallest;
        var high = Math.Max(low + 1, low * 2);
        while (Tokens(high) <= budget)
        {
            low = high;
            high *= 2;
        }

        // low fits, high does not.
        while (high - low > 1)
        {
            var middle = low + ((high - low) / 2);
            if (Tokens(middle) <= budget)
                low = middle;
            else
                high = middle;
        }

        var (text, answers) = draft.Compose(low);
        return (_filler.Build(length, [], _filler.Encode("\n" + text)), answers, low);
    }

    /// <summary>RULER's noise sentence on enough lines for a haystack of <paramref name="tokens"/> tokens.</summary>
    public static uint[] Noise(ITextTokenizer tokenizer, int tokens)
    {
        var buffer = new TokenBuffer(1 << 16);
        var lines = Math.Max(64, tokens / 8);
        while (true)
        {
            buffer.Clear();
            tokenizer.Encode(string.Join("\n", Enumerable.Repeat(RulerTemplates.Noise, lines)), buffer);
            if (buffer.Count >= tokens + 256)
                return buffer.ToArray();
            lines *= 2;
        }
    }
}
