namespace UltraLLaDA.Data.Evaluation.Ruler;

/// <summary>RULER's 13 tasks with scripts/synthetic.yaml's settings, in its order.</summary>
public static class RulerTasks
{
    public const string SquadTask = "qa_1";
    public const string HotpotQaTask = "qa_2";

    public static IReadOnlyList<RulerTask> All { get; } =
    [
        new(0, "niah_single_1", RulerCategories.Niah, RulerMetricNames.StringMatchAll, RulerHaystack.Noise),
        new(1, "niah_single_2", RulerCategories.Niah, RulerMetricNames.StringMatchAll, RulerHaystack.Essay),
        new(2, "niah_single_3", RulerCategories.Niah, RulerMetricNames.StringMatchAll, RulerHaystack.Essay, ValueKind: RulerValueKind.Uuids),
        new(3, "niah_multikey_1", RulerCategories.Niah, RulerMetricNames.StringMatchAll, RulerHaystack.Essay, Keys: 4),
        new(4, "niah_multikey_2", RulerCategories.Niah, RulerMetricNames.StringMatchAll, RulerHaystack.Needle),
        new(5, "niah_multikey_3", RulerCategories.Niah, RulerMetricNames.StringMatchAll, RulerHaystack.Needle, RulerValueKind.Uuids, RulerValueKind.Uuids),
        new(6, "niah_multivalue", RulerCategories.Niah, RulerMetricNames.StringMatchAll, RulerHaystack.Essay, Values: 4),
        new(7, "niah_multiquery", RulerCategories.Niah, RulerMetricNames.StringMatchAll, RulerHaystack.Essay, Keys: 4, Queries: 4),
        new(8, "vt", RulerCategories.VariableTracking, RulerMetricNames.StringMatchAll, RulerHaystack.Noise),
        new(9, "cwe", RulerCategories.Aggregation, RulerMetricNames.StringMatchAll, RulerHaystack.None),
        new(10, "fwe", RulerCategories.Aggregation, RulerMetricNames.StringMatchAll, RulerHaystack.None),
        new(11, SquadTask, RulerCategories.QuestionAnswering, RulerMetricNames.StringMatchPart, RulerHaystack.None),
        new(12, HotpotQaTask, RulerCategories.QuestionAnswering, RulerMetricNames.StringMatchPart, RulerHaystack.None),
    ];

    /// <summary>The task called <paramref name="name"/>, or null.</summary>
    public static RulerTask? Find(string name) => All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));
}
