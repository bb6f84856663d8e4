using System.Globalization;

namespace UltraLLaDA.Data.Evaluation.LongBench;

/// <summary>One row of LongBench's <c>DATASET.jsonl</c>, checked.</summary>
/// <param name="Line">Its line in the file (1 is the first line).</param>
/// <param name="Input">The question or instruction (empty for datasets without one: gov_report, lcc, ...).</param>
/// <param name="Context">The long context.</param>
/// <param name="Answers">The reference strings (at least one).</param>
/// <param name="AllClasses">The class labels (trec, lsht), else null.</param>
/// <param name="Length">LongBench's length of the row (words, or characters for Chinese).</param>
/// <param name="Dataset">The row's dataset field (the file stem).</param>
/// <param name="Language">The row's language field.</param>
/// <param name="Id">The row's _id.</param>
public sealed record LongBenchRow(int Line, string Input, string Context, IReadOnlyList<string> Answers, IReadOnlyList<string>? AllClasses, int Length, string Dataset, string Language, string Id)
{
    /// <summary>The names a template may use, as <c>format(**json_obj)</c> sees the row (length as Python's str of an int).</summary>
    public IReadOnlyDictionary<string, string> Fields() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["input"] = Input,
        ["context"] = Context,
        ["length"] = Length.ToString(CultureInfo.InvariantCulture),
        ["dataset"] = Dataset,
        ["language"] = Language,
        ["_id"] = Id,
    };
}
