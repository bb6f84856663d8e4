using System.Text.Json;
using UltraLLaDA.Data.Evaluation.LongBench;
using UltraLLaDA.Data.Tokenization;

namespace UltraLLaDA.Training.Tests.Evaluation.LongBench;

/// <summary>
/// Small LongBench sets through make-eval longbench's maker: made-up DATASET.jsonl files for all 21 datasets (a few
/// rows each, short contexts) with answers of each metric's kind, tokenized with the byte-level tokenizer.
/// </summary>
internal static class LongBenchSets
{
    public const int MaxLength = 2048;

    /// <summary>Writes the JSONL files to <paramref name="folder"/>/data and makes the set in <paramref name="folder"/>/set.</summary>
    public static async Task<string> MakeAsync(string folder, int rows = 2)
    {
        var data = Path.Combine(folder, "data");
        Directory.CreateDirectory(data);
        foreach (var dataset in LongBenchDatasets.All)
        {
            var lines = Enumerable.Range(0, rows).Select(r => JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["input"] = $"Question {r} about {dataset.Name}?",
                ["context"] = $"Context of row {r} of {dataset.Name}. " + string.Concat(Enumerable.Repeat("Some filler text. ", 10 + r)),
                ["answers"] = Answers(dataset, r),
                ["length"] = 40 + r,
                ["dataset"] = dataset.Name,
                ["language"] = dataset.Language,
                ["all_classes"] = Classes(dataset),
                ["_id"] = $"{dataset.Name}-{r}",
            }));
            await File.WriteAllLinesAsync(Path.Combine(data, dataset.Name + ".jsonl"), lines);
        }

        var set = Path.Combine(folder, "set");
        await LongBenchSetMaker.MakeAsync(new LongBenchSetOptions { Input = data, TokenizerSpec = Utf8ByteTokenizer.Name, MaxLength = MaxLength, Output = set }, new Utf8ByteTokenizer());
        return set;
    }

    /// <summary>A reference each metric can score 1 by copying and 0 (or, for code, near 0) by answering "no".</summary>
    public static string[] Answers(LongBenchDataset dataset, int row) => dataset.Metric switch
    {
        LongBenchMetricNames.QaF1 => [$"Mary Shelley {row}", "an alternative answer"],
        LongBenchMetricNames.QaF1Chinese => [row % 2 == 0 ? "北京大学" : "上海"],
        LongBenchMetricNames.Rouge => [$"The report says costs rose in year {row}."],
        LongBenchMetricNames.RougeChinese => [row % 2 == 0 ? "长城在北方" : "会议讨论了预算"],
        LongBenchMetricNames.Classification => [Classes(dataset)![row % 3]],
        LongBenchMetricNames.Count => [(3 + row).ToString(System.Globalization.CultureInfo.InvariantCulture)],
        LongBenchMetricNames.Retrieval => [$"Paragraph {2 + row}"],
        LongBenchMetricNames.RetrievalChinese => [$"段落{4 + row}"],
        LongBenchMetricNames.CodeSimilarity => [$"    return a + b * {row}"],
        _ => throw new ArgumentException(dataset.Metric),
    };

    private static string[]? Classes(LongBenchDataset dataset) => dataset.Metric != LongBenchMetricNames.Classification ? null
        : dataset.Language == "zh" ? ["体育", "财经", "教育"] : ["Location", "Number", "Description", "Abbreviation"];
}
