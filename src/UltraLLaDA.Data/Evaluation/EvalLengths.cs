namespace UltraLLaDA.Data.Evaluation;

/// <summary>Checks the lengths and depths a set is asked for.</summary>
public static class EvalLengths
{
    /// <summary>Positive, distinct lengths, in ascending order.</summary>
    public static IReadOnlyList<int> Check(IReadOnlyList<int>? lengths, IReadOnlyList<int> defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        var list = lengths is { Count: > 0 } ? lengths : defaults;
        foreach (var length in list)
        {
            if (length <= 0)
                throw new EvalSetException(EvalSetting.Lengths, $": {length} is not a positive number of tokens");
        }

        var duplicate = list.GroupBy(l => l).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new EvalSetException(EvalSetting.Lengths, $": {duplicate.Key} is given twice");
        return [.. list.Order()];
    }

    /// <summary>Depths in percent, each within 0–100, distinct, in ascending order.</summary>
    public static IReadOnlyList<int> CheckDepths(IReadOnlyList<int>? depths)
    {
        var list = depths is { Count: > 0 } ? depths : EvalDefaults.NiahDepths;
        foreach (var depth in list)
        {
            if (depth is < 0 or > 100)
                throw new EvalSetException(EvalSetting.Depths, $": {depth} is outside 0–100 (a depth is a percentage of the haystack)");
        }

        var duplicate = list.GroupBy(d => d).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new EvalSetException(EvalSetting.Depths, $": {duplicate.Key} is given twice");
        return [.. list.Order()];
    }
}
