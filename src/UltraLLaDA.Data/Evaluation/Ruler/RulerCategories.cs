namespace UltraLLaDA.Data.Evaluation.Ruler;

/// <summary>The paper's Table 4 columns: RULER's tasks by category.</summary>
public static class RulerCategories
{
    /// <summary>Retrieval: the eight needle-in-a-haystack variants.</summary>
    public const string Niah = "NIAH";

    /// <summary>Aggregation: common and frequent words extraction.</summary>
    public const string Aggregation = "AGG";

    /// <summary>Question answering over distractor documents.</summary>
    public const string QuestionAnswering = "QA";

    /// <summary>Multi-hop tracing: variable tracking.</summary>
    public const string VariableTracking = "VT";

    /// <summary>The categories in the paper's column order.</summary>
    public static IReadOnlyList<string> All { get; } = [Niah, Aggregation, QuestionAnswering, VariableTracking];
}
