using System.Globalization;
using ScottPlot;

namespace UltraLLaDA.Training.Evaluation;

/// <summary>
/// niah.png in the style of the paper's Figure 1: context length across, needle depth down (0% at the top), one
/// cell per (length, depth) coloured by retrieval accuracy (<see cref="NiahColors"/>).
/// </summary>
public static class NiahHeatmap
{
    /// <summary>Writes the PNG and returns each cell's centre in pixels, for checks.</summary>
    public static IReadOnlyList<(int Length, int Depth, float X, float Y)> Write(NiahReport report, string pngPath, string title, int width = 900, int height = 560)
    {
        ArgumentNullException.ThrowIfNull(report);
        var plot = new Plot();
        var lengths = report.Lengths;
        var depths = report.Depths;
        for (var i = 0; i < lengths.Count; i++)
        {
            for (var j = 0; j < depths.Count; j++)
            {
                var cell = report.Cell(lengths[i], depths[j]);
                var rectangle = plot.Add.Rectangle(i, i + 1, -(j + 1), -j);
                rectangle.FillColor = NiahColors.For(cell.Accuracy);
                rectangle.LineWidth = 0;
            }
        }

        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, lengths.Count).Select(i => i + 0.5)], [.. lengths.Select(Label)]);
        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, depths.Count).Select(j => -(j + 0.5))], [.. depths.Select(d => $"{d}%")]);
        plot.Axes.SetLimits(0, lengths.Count, -depths.Count, 0);
        plot.HideGrid();
        plot.Title(title);
        plot.XLabel("context length (tokens)");
        plot.YLabel("needle depth");
        plot.SavePng(pngPath, width, height);

        var centres = new List<(int, int, float, float)>();
        for (var i = 0; i < lengths.Count; i++)
        {
            for (var j = 0; j < depths.Count; j++)
            {
                var pixel = plot.GetPixel(new Coordinates(i + 0.5, -(j + 0.5)));
                centres.Add((lengths[i], depths[j], pixel.X, pixel.Y));
            }
        }

        return centres;
    }

    private static string Label(int length) => length % 1024 == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{length / 1024}K")
        : length.ToString(CultureInfo.InvariantCulture);
}
