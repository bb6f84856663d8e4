using System.Globalization;
using SkiaSharp;
using UltraLLaDA.Data.Inspection;

namespace UltraLLaDA.Data.Cli.Inspection;

/// <summary>
/// Paints the mask pictures with SkiaSharp: titles, the data (copied pixel for pixel from the model's
/// raster, never smoothed), axis strips and tick labels, and a legend of colour swatches.
/// </summary>
internal static class MaskPainter
{
    private const int Margin = 16;
    private const int AxisThickness = 10;
    private const int Gap = 4;
    private const int LegendGap = 24;
    private const int LegendLine = 18;
    private const int Swatch = 12;
    private const float TitleSize = 16;
    private const float TextSize = 12;
    private const float SmallSize = 10;

    private static readonly Lazy<(SKTypeface Regular, SKTypeface Bold, bool HasGlyphs)> Typefaces = new(LoadTypefaces);

    public static PaintedImage Paint(MaskPicture picture)
    {
        ArgumentNullException.ThrowIfNull(picture);
        var (regular, bold, hasText) = Typefaces.Value;
        using var titleFont = new SKFont(bold, TitleSize);
        using var textFont = new SKFont(regular, TextSize);
        using var smallFont = new SKFont(regular, SmallSize);

        var size = picture.Matrix.Width;
        var titleBottom = Margin + 44;
        var matrixLeft = Margin + AxisThickness + Gap;
        var matrixTop = titleBottom + AxisThickness + Gap;
        var legendLeft = matrixLeft + size + LegendGap;
        var legendWidth = picture.Legend.Count == 0 ? 0 : (int)Math.Ceiling(picture.Legend.Max(e => textFont.MeasureText(e.Label))) + Swatch + 6;
        var width = Math.Max(legendLeft + legendWidth + Margin, (int)Math.Ceiling(Math.Max(titleFont.MeasureText(picture.Title), textFont.MeasureText(picture.Subtitle))) + (2 * Margin));
        var height = Math.Max(matrixTop + size + 40, matrixTop + (picture.Legend.Count * LegendLine) + Margin);

        using var surface = new SKBitmap(new SKImageInfo(width, height, SKColorType.Bgra8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(surface))
        {
            canvas.Clear(SKColors.White);
            using var ink = new SKPaint { Color = new SKColor(0xFF202020), IsAntialias = true };
            using var dim = new SKPaint { Color = new SKColor(0xFF606060), IsAntialias = true };
            canvas.DrawText(picture.Title, Margin, Margin + 14, SKTextAlign.Left, titleFont, ink);
            canvas.DrawText(picture.Subtitle, Margin, Margin + 34, SKTextAlign.Left, textFont, dim);

            using (var matrix = ToBitmap(picture.Matrix))
                canvas.DrawBitmap(matrix, matrixLeft, matrixTop);
            using (var axis = ToBitmap(picture.Axis))
            {
                // The same colours along the top (keys) and down the left (queries).
                canvas.DrawBitmap(axis, SKRect.Create(0, 0, size, 1), SKRect.Create(matrixLeft, titleBottom, size, AxisThickness));
                canvas.Save();
                canvas.Translate(Margin + AxisThickness, matrixTop);
                canvas.RotateDegrees(90);
                canvas.DrawBitmap(axis, SKRect.Create(0, 0, size, 1), SKRect.Create(0, 0, size, AxisThickness));
                canvas.Restore();
            }

            using var frame = new SKPaint { Color = new SKColor(0xFF808080), Style = SKPaintStyle.Stroke, StrokeWidth = 1 };
            canvas.DrawRect(matrixLeft - 0.5f, matrixTop - 0.5f, size + 1, size + 1, frame);
            var tokens = (long)Math.Round(picture.TokensPerPixel * size);
            Ticks(canvas, smallFont, dim, matrixLeft, matrixTop + size + 14, size, tokens);
            canvas.DrawText("rows: query tokens · columns: key tokens", matrixLeft, matrixTop + size + 30, SKTextAlign.Left, smallFont, dim);

            Legend(canvas, picture.Legend, legendLeft, matrixTop, textFont, ink);
        }

        return new PaintedImage(Encode(surface), width, height, matrixLeft, matrixTop, 0, 0, hasText);
    }

    public static PaintedImage Paint(StripPicture picture)
    {
        ArgumentNullException.ThrowIfNull(picture);
        var (regular, bold, hasText) = Typefaces.Value;
        using var titleFont = new SKFont(bold, TitleSize);
        using var textFont = new SKFont(regular, TextSize);
        using var smallFont = new SKFont(regular, SmallSize);

        var rows = picture.Rows.Height;
        var rowHeight = Math.Clamp(900 / rows, 3, 14);
        var pitch = rowHeight + (rowHeight >= 6 ? 3 : 1);
        var labelEvery = rowHeight >= 9 ? 1 : (int)Math.Ceiling(12.0 / pitch);
        var labelWidth = (int)Math.Ceiling(picture.RowLabels.Max(l => smallFont.MeasureText("r " + l))) + 8;
        var titleBottom = Margin + 44;
        var rowsLeft = Margin + labelWidth;
        var rowsTop = titleBottom + 18;
        var stripWidth = picture.Rows.Width;
        var legendLeft = rowsLeft + stripWidth + LegendGap;
        var legendWidth = picture.Legend.Count == 0 ? 0 : (int)Math.Ceiling(picture.Legend.Max(e => textFont.MeasureText(e.Label))) + Swatch + 6;
        var width = Math.Max(legendLeft + legendWidth + Margin, (int)Math.Ceiling(Math.Max(titleFont.MeasureText(picture.Title), textFont.MeasureText(picture.Subtitle))) + (2 * Margin));
        var height = Math.Max(rowsTop + (rows * pitch) + Margin, rowsTop + (picture.Legend.Count * LegendLine) + Margin);

        // The rows, each model row repeated rowHeight times, white between rows.
        var strip = new Raster(stripWidth, rows * pitch);
        Array.Fill(strip.Pixels, MaskPalette.Masked);
        for (var y = 0; y < rows; y++)
        {
            var source = picture.Rows.Pixels.AsSpan(y * stripWidth, stripWidth);
            for (var line = 0; line < rowHeight; line++)
                source.CopyTo(strip.Pixels.AsSpan(((y * pitch) + line) * stripWidth, stripWidth));
        }

        using var surface = new SKBitmap(new SKImageInfo(width, height, SKColorType.Bgra8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(surface))
        {
            canvas.Clear(SKColors.White);
            using var ink = new SKPaint { Color = new SKColor(0xFF202020), IsAntialias = true };
            using var dim = new SKPaint { Color = new SKColor(0xFF606060), IsAntialias = true };
            canvas.DrawText(picture.Title, Margin, Margin + 14, SKTextAlign.Left, titleFont, ink);
            canvas.DrawText(picture.Subtitle, Margin, Margin + 34, SKTextAlign.Left, textFont, dim);
            var tokens = (long)Math.Round(picture.TokensPerPixel * stripWidth);
            Ticks(canvas, smallFont, dim, rowsLeft, rowsTop - 6, stripWidth, tokens);
            using (var bitmap = ToBitmap(strip))
                canvas.DrawBitmap(bitmap, rowsLeft, rowsTop);
            for (var y = 0; y < rows; y += labelEvery)
                canvas.DrawText("r " + picture.RowLabels[y], rowsLeft - 6, rowsTop + (y * pitch) + Math.Min(rowHeight, 10), SKTextAlign.Right, smallFont, dim);
            Legend(canvas, picture.Legend, legendLeft, rowsTop, textFont, ink);
        }

        return new PaintedImage(Encode(surface), width, height, rowsLeft, rowsTop, rowHeight, pitch, hasText);
    }

    private static void Ticks(SKCanvas canvas, SKFont font, SKPaint paint, int left, int baseline, int pixels, long tokens)
    {
        for (var q = 0; q <= 4; q++)
        {
            var x = left + (pixels * q / 4f);
            var label = (tokens * q / 4).ToString("N0", CultureInfo.InvariantCulture);
            var align = q == 0 ? SKTextAlign.Left : q == 4 ? SKTextAlign.Right : SKTextAlign.Center;
            canvas.DrawText(label, x, baseline, align, font, paint);
        }
    }

    private static void Legend(SKCanvas canvas, IReadOnlyList<LegendEntry> legend, int left, int top, SKFont font, SKPaint ink)
    {
        using var fill = new SKPaint { Style = SKPaintStyle.Fill };
        using var border = new SKPaint { Color = new SKColor(0xFF808080), Style = SKPaintStyle.Stroke, StrokeWidth = 1 };
        for (var i = 0; i < legend.Count; i++)
        {
            var y = top + (i * LegendLine);
            fill.Color = new SKColor(legend[i].Color);
            canvas.DrawRect(left, y, Swatch, Swatch, fill);
            canvas.DrawRect(left - 0.5f, y - 0.5f, Swatch + 1, Swatch + 1, border);
            canvas.DrawText(legend[i].Label, left + Swatch + 6, y + 11, SKTextAlign.Left, font, ink);
        }
    }

    private static SKBitmap ToBitmap(Raster raster)
    {
        var bitmap = new SKBitmap(new SKImageInfo(raster.Width, raster.Height, SKColorType.Bgra8888, SKAlphaType.Opaque));
        var colors = new SKColor[raster.Pixels.Length];
        for (var i = 0; i < colors.Length; i++)
            colors[i] = new SKColor(raster.Pixels[i]);
        bitmap.Pixels = colors;
        return bitmap;
    }

    private static byte[] Encode(SKBitmap bitmap)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>A sans-serif face when the machine has one (DejaVu, Liberation, ...), else whatever Skia finds.</summary>
    private static (SKTypeface, SKTypeface, bool) LoadTypefaces()
    {
        foreach (var family in new[] { "DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial", "Helvetica" })
        {
            var regular = SKFontManager.Default.MatchFamily(family);
            if (regular is { GlyphCount: > 0 })
                return (regular, SKFontManager.Default.MatchFamily(family, SKFontStyle.Bold) ?? regular, true);
        }

        var fallback = SKTypeface.Default;
        return (fallback, fallback, fallback.GlyphCount > 0);
    }
}
