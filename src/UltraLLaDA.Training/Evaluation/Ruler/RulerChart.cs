using System.Globalization;
using ScottPlot;

namespace UltraLLaDA.Training.Evaluation.Ruler;

/// <summary>ruler.png: Table 4 as bars, one group per column (AVG, NIAH, AGG, QA, VT), one bar per length.</summary>
public static class RulerChart
{
    public static readonly string[] Columns = ["AVG", "NIAH", "AGG", "QA", "VT"];

    /// <summary>Writes the PNG; returns each drawn bar (column, length, value), for checks. A NaN cell gets no bar.</summary>
    public static IReadOnlyList<(string Column, int Length, double Value)> Write(RulerReport report, string pngPath, string title, int width = 900, int height = 520)
    {
        ArgumentNullException.ThrowIfNull(report);
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var drawn = new List<(string, int, double)>();
        var rows = report.Table;
        var groupWidth = 0.8;
        var barWidth = groupWidth / Math.Max(1, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            double[] values = [row.Avg, row.Niah, row.Agg, row.Qa, row.Vt];
            var bars = new List<Bar>();
            for (var c = 0; c < Columns.Length; c++)
            {
                if (double.IsNaN(values[c]))
                    continue;
                bars.Add(new Bar { Position = c - (groupWidth / 2) + ((i + 0.5) * barWidth), Value = values[c], Size = barWidth * 0.95, FillColor = palette.GetColor(i) });
                drawn.Add((Columns[c], row.Length, values[c]));
            }

            var series = plot.Add.Bars(bars);
            series.LegendText = Label(row.Length);
        }

        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, Columns.Length).Select(c => (double)c)], Columns);
        plot.Axes.SetLimits(-0.6, Columns.Length - 0.4, 0, 105);
        plot.ShowLegend(Alignment.UpperRight);
        plot.Title(title);
        plot.YLabel("score (%)");
        plot.SavePng(pngPath, width, height);
        return drawn;
    }

    private static string Label(int length) => length % 1024 == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{length / 1024}K")
        : length.ToString(CultureInfo.InvariantCulture);
}
