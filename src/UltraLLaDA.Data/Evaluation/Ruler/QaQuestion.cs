namespace UltraLLaDA.Data.Evaluation.Ruler;

/// <summary>One question of a QA file, as RULER's qa.py reads it.</summary>
/// <param name="Query">The question.</param>
/// <param name="Answers">Its reference answers.</param>
/// <param name="Documents">The documents that hold the answer (indices into <see cref="QaDataset.Documents"/>).</param>
/// <param name="Related">Other documents of the same article (SQuAD), used before unrelated ones.</param>
internal sealed record QaQuestion(string Query, IReadOnlyList<string> Answers, IReadOnlyList<int> Documents, IReadOnlyList<int> Related);
