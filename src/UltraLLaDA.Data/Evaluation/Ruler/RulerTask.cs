namespace UltraLLaDA.Data.Evaluation.Ruler;

/// <summary>One of RULER's 13 tasks as scripts/synthetic.yaml configures it.</summary>
/// <param name="Id">Its place in <see cref="RulerTasks.All"/>: seeds its prompts, so they do not depend on which other tasks are made.</param>
/// <param name="Name">RULER's name (niah_single_1, vt, ...).</param>
/// <param name="Category">Its Table 4 column (<see cref="RulerCategories"/>).</param>
/// <param name="Metric">How it is scored (<see cref="RulerMetricNames"/>).</param>
/// <param name="Haystack">type_haystack.</param>
/// <param name="KeyKind">type_needle_k (niah only).</param>
/// <param name="ValueKind">type_needle_v (niah only).</param>
/// <param name="Keys">num_needle_k (niah only; at least <paramref name="Queries"/>).</param>
/// <param name="Values">num_needle_v: values per key (niah only).</param>
/// <param name="Queries">num_needle_q: keys asked for (niah only).</param>
public sealed record RulerTask(
    int Id,
    string Name,
    string Category,
    string Metric,
    RulerHaystack Haystack,
    RulerValueKind KeyKind = RulerValueKind.Words,
    RulerValueKind ValueKind = RulerValueKind.Numbers,
    int Keys = 1,
    int Values = 1,
    int Queries = 1)
{
    public bool IsNiah => Category == RulerCategories.Niah;

    public bool IsQa => Category == RulerCategories.QuestionAnswering;
}
