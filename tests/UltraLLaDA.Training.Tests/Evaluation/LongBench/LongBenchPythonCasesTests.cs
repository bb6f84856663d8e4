using System.Text.Json;
using UltraLLaDA.Data.Evaluation.LongBench;
using UltraLLaDA.Training.Evaluation.LongBench;
using UltraLLaDA.Training.Tests.Support;

namespace UltraLLaDA.Training.Tests.Evaluation.LongBench;

/// <summary>
/// The metrics against values Python 3.11 computed (python-cases.json): metrics.py's stdlib-only functions
/// (normalize_answer and qa_f1_score, count_score, retrieval_score, classification_score with its quirk,
/// code_sim_score with fuzz.ratio on difflib) run on random texts with articles, punctuation, digits, line breaks,
/// U+001F and U+00A0; Python's own difflib ratios (b of up to 320 elements, so autojunk applies) and round(x, 2);
/// and rouge_score through a transcription of pltrdy/rouge's rouge_score.py (the package is not installed there),
/// which checks the port's reading of the algorithm rather than the package itself.
/// </summary>
public class LongBenchPythonCasesTests
{
    private static readonly JsonElement _cases = JsonDocument.Parse(File.ReadAllText(
        Path.Combine(TestPaths.RepoRoot, "tests", "UltraLLaDA.Training.Tests", "Evaluation", "LongBench", "python-cases.json"))).RootElement;

    [Fact]
    public void Every_metric_case_matches_python()
    {
        var cases = _cases.GetProperty("cases").EnumerateArray().ToList();
        Assert.Equal(900, cases.Count);
        foreach (var c in cases)
        {
            var metric = c.GetProperty("metric").GetString()!;
            var prediction = c.GetProperty("prediction").GetString()!;
            var answer = c.GetProperty("answer").GetString()!;
            string[]? classes = c.TryGetProperty("all_classes", out var all) ? [.. all.EnumerateArray().Select(e => e.GetString()!)] : null;
            var actual = LongBenchMetrics.Score(metric, prediction, answer, classes);
            Assert.True(Math.Abs(c.GetProperty("expected").GetDouble() - actual) < 1e-12, $"{metric}({JsonSerializer.Serialize(prediction)}, {JsonSerializer.Serialize(answer)}): python {c.GetProperty("expected").GetDouble()}, here {actual}");
        }

        Assert.Contains(cases, c => c.GetProperty("metric").GetString() == LongBenchMetricNames.Classification && c.GetProperty("expected").GetDouble() is > 0 and < 1);
        Assert.Contains(cases, c => c.GetProperty("metric").GetString() == LongBenchMetricNames.Rouge && c.GetProperty("expected").GetDouble() is > 0.1 and < 0.9);
    }

    [Fact]
    public void Difflib_ratios_and_fuzz_ratios_match_python()
    {
        foreach (var r in _cases.GetProperty("ratios").EnumerateArray())
        {
            var (a, b) = (r.GetProperty("a").GetString()!, r.GetProperty("b").GetString()!);
            Assert.True(r.GetProperty("ratio").GetDouble() == SequenceMatcher.Ratio(a, b), $"ratio('{a}', '{b}'): python {r.GetProperty("ratio").GetDouble()}, here {SequenceMatcher.Ratio(a, b)}");
            Assert.Equal(r.GetProperty("fuzz").GetInt32(), FuzzRatio.Ratio(a, b));
        }
    }

    [Fact]
    public void Dataset_rounding_matches_python()
    {
        foreach (var r in _cases.GetProperty("rounds").EnumerateArray())
        {
            var scores = r.GetProperty("scores").EnumerateArray().Select(e => e.GetDouble()).ToList();
            Assert.Equal(r.GetProperty("expected").GetDouble(), LongBenchMetrics.DatasetScore(scores));
        }
    }
}
