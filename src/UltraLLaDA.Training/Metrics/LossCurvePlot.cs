using ScottPlot;

namespace UltraLLaDA.Training.Metrics;

/// <summary>The loss curve of a run as a PNG: every update's loss, and a moving average that shows the trend through the noise of t ~ U(0, 1).</summary>
public static class LossCurvePlot
{
    public static void Write(IReadOnlyList<StepMetrics> metrics, string pngPath, string title, int width = 900, int height = 520)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        if (metrics.Count == 0)
            return;
        var steps = metrics.Select(m => (double)m.Step).ToArray();
        var losses = metrics.Select(m => m.Loss).ToArray();
        var window = Math.Max(1, metrics.Count / 25);
        var smooth = MovingAverage(losses, window);

        var plot = new Plot();
        var raw = plot.Add.Scatter(steps, losses);
        raw.LineWidth = 1;
        raw.MarkerSize = 0;
        raw.Color = Colors.SteelBlue.WithAlpha(0.45);
        raw.LegendText = "loss (per update)";
        var trend = plot.Add.Scatter(steps, smooth);
        trend.LineWidth = 2.5f;
        trend.MarkerSize = 0;
        trend.Color = Colors.OrangeRed;
        trend.LegendText = $"moving average ({window} updates)";
        plot.Title(title);
        plot.XLabel("update");
        plot.YLabel("masked-diffusion loss (Eq. 1)");
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(pngPath, width, height);
    }

    private static double[] MovingAverage(double[] values, int window)
    {
        var result = new double[values.Length];
        double sum = 0;
        for (var i = 0; i < values.Length; i++)
        {
            sum += values[i];
            if (i >= window)
                sum -= values[i - window];
            result[i] = sum / Math.Min(i + 1, window);
        }

        return result;
    }
}
