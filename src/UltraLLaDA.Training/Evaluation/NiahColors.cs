using ScottPlot;

namespace UltraLLaDA.Training.Evaluation;

/// <summary>Figure 1's colour scale: red at 0% retrieval, yellow at 50%, green at 100%; grey for a cell not run.</summary>
public static class NiahColors
{
    private static readonly (double R, double G, double B)[] _stops = [(215, 48, 39), (254, 224, 139), (26, 152, 80)];

    public static Color NotRun { get; } = Color.FromHex("#BDBDBD");

    public static Color For(double accuracy)
    {
        if (double.IsNaN(accuracy))
            return NotRun;
        var position = Math.Clamp(accuracy, 0, 1) * (_stops.Length - 1);
        var low = Math.Min((int)position, _stops.Length - 2);
        var t = position - low;
        var (r0, g0, b0) = _stops[low];
        var (r1, g1, b1) = _stops[low + 1];
        return new Color((byte)Math.Round(r0 + ((r1 - r0) * t)), (byte)Math.Round(g0 + ((g1 - g0) * t)), (byte)Math.Round(b0 + ((b1 - b0) * t)));
    }
}
