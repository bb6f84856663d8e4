using System.Text;
using SkiaSharp;
using UltraLLaDA.Data.Evaluation.Ruler;
using UltraLLaDA.Data.Tokenization;
using UltraLLaDA.Training.Evaluation.Ruler;
using UltraLLaDA.Training.Sampling;
using UltraLLaDA.Training.Tests.Support;

namespace UltraLLaDA.Training.Tests.Evaluation.Ruler;

public class RulerEvaluatorTests
{
    private static readonly SamplerOptions _sampler = new() { GenLength = 128, BlockLength = 64, Steps = 64 };

    [Fact]
    public async Task A_model_that_copies_the_answers_scores_100_and_one_that_answers_a_constant_scores_0()
    {
        using var temp = new TempDirectory();
        using var set = RulerSet.Open(await EvalSets.RulerAsync(temp.Combine("ruler")));
        Assert.Equal(13 * 2 * EvalSets.RulerLengths.Length, set.Records.Count);
        var bytes = new Utf8ByteTokenizer();
        // The copier finds its prompt in the set and writes the references after it, comma-separated.
        var answers = set.Records.ToDictionary(r => Key(set.Prompt(r)), r => Encode(" " + string.Join(", ", r.Answers)));
        var copier = new PromptAwarePredictor(_sampler.GenLength, p => answers[Key(p)]);
        var report = RulerEvaluator.Run(set, copier, bytes, _sampler, "copier", 10000);
        Assert.All(report.Prompts, p => Assert.Equal(1.0, p.Score));
        Assert.All(report.Table, row => Assert.Equal((100.0, 100.0, 100.0, 100.0, 100.0), (row.Avg, row.Niah, row.Agg, row.Qa, row.Vt)));
        Assert.Equal(13 * EvalSets.RulerLengths.Length, report.Tasks.Count);
        Assert.All(report.Tasks, t => Assert.Equal((2, 100.0), (t.Prompts, t.Score)));

        // A constant answer ("no") matches nothing but HotpotQA's comparison question whose answer is "no".
        var constant = new PromptAwarePredictor(_sampler.GenLength, _ => Encode(" no"));
        var bad = RulerEvaluator.Run(set, constant, bytes, _sampler, "constant", 10000);
        var right = bad.Prompts.Where(p => p.Score > 0).ToList();
        Assert.All(right, p => Assert.Equal(["no"], p.Answers));
        Assert.True(bad.Table.All(row => row.Niah == 0 && row.Agg == 0 && row.Vt == 0), "no retrieval, aggregation or tracing answer is a constant");
        Assert.All(bad.Table, row => Assert.True(row.Avg < 10, $"AVG {row.Avg}"));

        var partial = RulerEvaluator.Run(set, copier, bytes, _sampler, "copier", 10000, maxPrompts: 3);
        Assert.Equal(3, partial.Prompts.Count);
        Assert.True(double.IsNaN(partial.Table[1].Avg));
        Assert.Equal(ConfidenceDType.Model, partial.Sampler.ConfidenceDType);
    }

    [Fact]
    public void The_chart_has_one_bar_per_length_and_category_and_none_for_a_missing_one()
    {
        using var temp = new TempDirectory();
        var report = new RulerReport
        {
            Set = "set",
            Model = "m",
            RopeBase = 1,
            Sampler = new SamplerOptions(),
            Skipped = [new RulerSkippedTask("qa_1", "no SQuAD file was given")],
            Table = [new(4096, 10, 80, 90, 60, double.NaN, 70), new(8192, 10, 40, 50, 30, double.NaN, 20)],
            Tasks = [],
            Prompts = [],
        };
        var png = temp.Combine("ruler.png");
        var bars = RulerChart.Write(report, png, "test");
        Assert.Equal(8, bars.Count);
        Assert.DoesNotContain(bars, b => b.Column == "QA");
        Assert.Contains(("NIAH", 8192, 50.0), bars);
        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal((900, 520), (bitmap.Width, bitmap.Height));
    }

    private static long[] Encode(string text) => [.. Encoding.UTF8.GetBytes(text).Select(b => (long)b + 3)];

    private static string Key(uint[] prompt) => string.Join(',', prompt);

    private static string Key(long[] prompt) => string.Join(',', prompt);
}
