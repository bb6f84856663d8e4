namespace UltraLLaDA.Data.Evaluation;

/// <summary>A prompt of exactly the asked length and where its parts are.</summary>
/// <param name="Tokens">The prompt.</param>
/// <param name="NeedleStarts">Per needle (in the order given), its first token.</param>
/// <param name="NeedleEnds">Per needle, one past its last token.</param>
/// <param name="QuestionStart">The question's first token (it runs to the end).</param>
/// <param name="HaystackStart">Token offset in the haystack where this prompt's haystack begins.</param>
internal sealed record AssembledPrompt(uint[] Tokens, int[] NeedleStarts, int[] NeedleEnds, int QuestionStart, long HaystackStart);
