using System.Globalization;
using ScottPlot;
using UltraLLaDA.Data.Evaluation.LongBench;

namespace UltraLLaDA.Training.Evaluation.LongBench;

/// <summary>
/// longbench.png: one bar per dataset run, grouped and coloured by Table 3 category (a gap between groups), each
/// category's question-weighted total in the legend; a dataset with no prompt run gets no bar.
/// </summary>
public static class LongBenchChart
{
    /// <summary>Writes the PNG; returns each drawn bar (dataset, category, position, value), for checks.</summary>
    public static IReadOnlyList<(string Dataset, string Category, double Position, double Value)> Write(LongBenchReport report, string pngPath, string title, int width = 1200, int height = 560)
    {
        ArgumentNullException.ThrowIfNull(report);
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var drawn = new List<(string, string, double, double)>();
        var ticks = new List<(double Position, string Label)>();
        var position = 0.0;
        var categories = LongBenchCategories.All;
        for (var c = 0; c < categories.Count; c++)
        {
            var members = report.Datasets.Where(d => d.Category == categories[c]).ToList();
            if (members.Count == 0)
                continue;
            var bars = new List<Bar>();
            foreach (var dataset in members)
            {
                ticks.Add((position, dataset.Dataset));
                if (!double.IsNaN(dataset.Score))
                {
                    bars.Add(new Bar { Position = position, Value = dataset.Score, Size = 0.8, FillColor = palette.GetColor(c) });
                    drawn.Add((dataset.Dataset, dataset.Category, position, dataset.Score));
                }

                position++;
            }

            var series = plot.Add.Bars(bars);
            series.LegendText = $"{categories[c]} {Cell(Total(report.Table, categories[c]))}";
            position += 0.6;
        }

        plot.Axes.Bottom.SetTicks([.. ticks.Select(t => t.Position)], [.. ticks.Select(t => t.Label)]);
        plot.Axes.Bottom.TickLabelStyle.Rotation = 45;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        // Room below the axis for the slanted names (passage_retrieval_zh is the longest).
        plot.Axes.Bottom.MinimumSize = 140;
        plot.Axes.SetLimits(-0.8, Math.Max(1, position - 0.2), 0, 105);
        plot.ShowLegend(Alignment.UpperRight);
        plot.Title($"{title}: AVG {Cell(report.Table.Avg)} over {report.Table.Prompts} prompts");
        plot.YLabel("score (%)");
        plot.SavePng(pngPath, width, height);
        return drawn;
    }

    /// <summary>The Table 3 cell of <paramref name="category"/>.</summary>
    public static double Total(LongBenchTableRow row, string category)
    {
        ArgumentNullException.ThrowIfNull(row);
        return category switch
        {
            LongBenchCategories.SingleDocumentQa => row.Sd,
            LongBenchCategories.MultiDocumentQa => row.Md,
            LongBenchCategories.Summarization => row.Sum,
            LongBenchCategories.FewShot => row.Icl,
            LongBenchCategories.Synthetic => row.Syn,
            LongBenchCategories.Code => row.Code,
            _ => throw new ArgumentException($"'{category}' is not a Table 3 column", nameof(category)),
        };
    }

    private static string Cell(double value) => double.IsNaN(value) ? "-" : value.ToString("F2", CultureInfo.InvariantCulture);
}
