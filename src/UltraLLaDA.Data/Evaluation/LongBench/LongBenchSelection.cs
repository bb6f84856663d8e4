namespace UltraLLaDA.Data.Evaluation.LongBench;

/// <summary>
/// Which datasets a `--datasets` list means: names (file stems) and the groups en (LongBench's 16 English datasets,
/// code included), zh (its 5 Chinese ones) and all. A dataset named explicitly must have its file; one brought in by
/// a group is skipped when its file is absent.
/// </summary>
public static class LongBenchSelection
{
    public const string English = "en";
    public const string Chinese = "zh";
    public const string Everything = "all";

    /// <summary>The datasets <paramref name="names"/> selects, in <see cref="LongBenchDatasets.All"/>' order, each with whether it was named explicitly.</summary>
    public static IReadOnlyList<(LongBenchDataset Dataset, bool Named)> Resolve(IReadOnlyList<string>? names)
    {
        var asked = names is { Count: > 0 } ? names : [Everything];
        var named = new HashSet<string>(StringComparer.Ordinal);
        var grouped = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in asked)
        {
            switch (name)
            {
                case Everything:
                    grouped.UnionWith(LongBenchDatasets.All.Select(d => d.Name));
                    break;
                case English or Chinese:
                    grouped.UnionWith(LongBenchDatasets.All.Where(d => d.Language == name).Select(d => d.Name));
                    break;
                default:
                    if (LongBenchDatasets.Find(name) is null)
                        throw new EvalSetException(EvalSetting.Datasets, $" '{name}' is not one of LongBench's datasets ({English}, {Chinese}, {Everything} or a name: {string.Join(", ", LongBenchDatasets.All.Select(d => d.Name))})");
                    named.Add(name);
                    break;
            }
        }

        return [.. LongBenchDatasets.All.Where(d => named.Contains(d.Name) || grouped.Contains(d.Name)).Select(d => (d, named.Contains(d.Name)))];
    }
}
