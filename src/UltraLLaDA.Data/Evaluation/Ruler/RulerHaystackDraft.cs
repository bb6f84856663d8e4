namespace UltraLLaDA.Data.Evaluation.Ruler;

/// <summary>
/// A RULER prompt over a haystack (niah, vt) before it is cut to length: the instruction, the needles and where
/// they go, and the question with its answer prefix; <see cref="RulerPromptAssembler"/> fits the haystack between.
/// </summary>
/// <param name="Prefix">The text before the haystack.</param>
/// <param name="Needles">Each needle's text (without separator) and its depth in percent.</param>
/// <param name="Separator">How a needle joins the haystack: " " (a space before it, in prose) or "\n" (a line of its own between RULER's noise or needle lines: a line break after it, placed after one).</param>
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
