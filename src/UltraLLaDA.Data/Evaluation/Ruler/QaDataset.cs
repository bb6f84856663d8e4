namespace UltraLLaDA.Data.Evaluation.Ruler;

/// <summary>A QA file read for RULER's qa tasks: its distinct documents in ordinal order and its answerable questions in file order.</summary>
internal sealed record QaDataset(string File, IReadOnlyList<string> Documents, IReadOnlyList<QaQuestion> Questions);
