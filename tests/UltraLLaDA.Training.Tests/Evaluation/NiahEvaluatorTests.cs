using System.Text;
using SkiaSharp;
using UltraLLaDA.Data.Evaluation;
using UltraLLaDA.Data.Tokenization;
using UltraLLaDA.Training.Evaluation;
using UltraLLaDA.Training.Sampling;
using UltraLLaDA.Training.Tests.Support;

namespace UltraLLaDA.Training.Tests.Evaluation;

public class NiahEvaluatorTests
{
    [Fact]
    public async Task A_model_that_knows_the_answer_scores_100_percent_and_one_that_never_does_0()
    {
        using var temp = new TempDirectory();
        using var set = NiahSet.Open(await EvalSets.NiahAsync(temp.Combine("niah")));
        var bytes = new Utf8ByteTokenizer();
        // The oracle answers " <value>." for whichever prompt it is shown: it finds the prompt in the set.
        var answers = set.Records.ToDictionary(r => Key(set.Prompt(r)), r => Encoding.UTF8.GetBytes($" {r.Answer}.").Select(b => (long)b + 3).ToArray());
        var oracle = new PromptAwarePredictor(32, p => answers[Key(p)]);
        var report = NiahEvaluator.Run(set, oracle, bytes, new SamplerOptions(), "oracle", 10000);
        Assert.Equal(1.0, report.Accuracy);
        Assert.Equal(EvalSets.NiahLengths.Length * EvalSets.NiahDepths.Length, report.Cells.Count);
        Assert.All(report.Cells, c => Assert.Equal((1, 1, 1.0), (c.Prompts, c.Correct, c.Accuracy)));
        Assert.All(report.Prompts, p => Assert.StartsWith($" {p.Answer}.", p.Output, StringComparison.Ordinal));

        // Always another token ('x'): never the answer.
        var wrong = new PromptAwarePredictor(16, _ => Enumerable.Repeat((long)'x' + 3, 32).ToArray());
        var bad = NiahEvaluator.Run(set, wrong, bytes, new SamplerOptions { GenLength = 16, BlockLength = 8, Steps = 16 }, "wrong", 10000);
        Assert.Equal(0.0, bad.Accuracy);
        Assert.All(bad.Cells, c => Assert.Equal(0.0, c.Accuracy));

        var partial = NiahEvaluator.Run(set, oracle, bytes, new SamplerOptions(), "oracle", 10000, maxPrompts: 2);
        Assert.Equal(2, partial.Prompts.Count);
        Assert.True(double.IsNaN(partial.Cell(600, 100).Accuracy));
    }

    [Fact]
    public void The_heatmap_has_one_cell_per_length_and_depth_in_the_accuracy_colour()
    {
        using var temp = new TempDirectory();
        int[] lengths = [4096, 8192, 16384];
        int[] depths = [0, 50, 100];
        double[,] accuracy = { { 1, 1, 0 }, { 0.5, 1, double.NaN }, { 0, 0.25, 1 } };
        var cells = new List<NiahCell>();
        for (var i = 0; i < lengths.Length; i++)
        {
            for (var j = 0; j < depths.Length; j++)
                cells.Add(new NiahCell(lengths[i], depths[j], 4, (int)(4 * (double.IsNaN(accuracy[i, j]) ? 0 : accuracy[i, j])), accuracy[i, j]));
        }

        var report = new NiahReport
        {
            Set = "set",
            Model = "m",
            RopeBase = 1,
            Sampler = new SamplerOptions(),
            Lengths = lengths,
            Depths = depths,
            Cells = cells,
            Accuracy = 0.5,
            Prompts = [],
        };
        var png = temp.Combine("niah.png");
        var centres = NiahHeatmap.Write(report, png, "test");
        Assert.Equal(9, centres.Count);
        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal((900, 560), (bitmap.Width, bitmap.Height));
        foreach (var (length, depth, x, y) in centres)
        {
            var expected = NiahColors.For(report.Cell(length, depth).Accuracy);
            var actual = bitmap.GetPixel((int)Math.Round(x), (int)Math.Round(y));
            Assert.True(Math.Abs(actual.Red - expected.R) <= 2 && Math.Abs(actual.Green - expected.G) <= 2 && Math.Abs(actual.Blue - expected.B) <= 2,
                $"cell {length} x {depth}%: pixel {actual}, expected {expected}");
        }

        // Depth 0 is the top row, short lengths the left column.
        var topLeft = centres.Single(c => c.Length == 4096 && c.Depth == 0);
        var bottomRight = centres.Single(c => c.Length == 16384 && c.Depth == 100);
        Assert.True(topLeft.X < bottomRight.X && topLeft.Y < bottomRight.Y);
        Assert.Equal(new ScottPlot.Color(26, 152, 80), NiahColors.For(1));
        Assert.Equal(new ScottPlot.Color(215, 48, 39), NiahColors.For(0));
    }

    private static string Key(uint[] prompt) => string.Join(',', prompt);

    private static string Key(long[] prompt) => string.Join(',', prompt);
}
