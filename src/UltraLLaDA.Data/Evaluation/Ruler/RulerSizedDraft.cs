namespace UltraLLaDA.Data.Evaluation.Ruler;

/// <summary>
/// A RULER prompt that grows with a count (words in cwe and fwe, documents in qa): RULER searches for the largest
/// count that fits, and so does <see cref="RulerPromptAssembler"/>. <see cref="Compose"/> must give the same text for
/// the same count.
/// </summary>
/// <param name="Smallest">The smallest count the task allows.</param>
/// <param name="Compose">The whole prompt text (answer prefix included) and its references for a count.</param>
internal sealed record RulerSizedDraft(int Smallest, Func<int, (string Text, IReadOnlyList<string> Answers)> Compose);
