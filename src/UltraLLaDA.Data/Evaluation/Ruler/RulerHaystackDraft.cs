namespace UltraLLaDA.Data.Evaluation.Ruler;

/// <summary>
/// A RULER prompt over a haystack (niah, vt) before it is cut to length: the instruction, the needles and where
/// they go, and the question with its answer prefix; <see cref="RulerPromptAssembler"/> fits the haystack between.
/// </summary>
/// <param name="Prefix">The text before the haystack.</param>
/// <param name="Needles">Each needle's text (without separator) and its depth in percent.</param>
/// <param name="Separator">What joins a needle to the haystack before it: a space in prose, a line break between RULER's noise or needle lines.</param>
/// <param name="Question">The text after the haystack, answer prefix included.</param>
/// <param name="Answers">The reference strings.</param>
/// <param name="KeepOrder">The needles must appear in the order given (a chain of assignments).</param>
internal sealed record RulerHaystackDraft(
    string Prefix,
    IReadOnlyList<(string Text, double Depth)> Needles,
    string Separator,
    string Question,
    IReadOnlyList<string> Answers,
    bool KeepOrder = false);
