namespace UltraLLaDA.Data.Inspection;

/// <summary>One entry of a picture's legend.</summary>
public sealed record LegendEntry(uint Color, string Label);

/// <summary>
/// The attention layout of one record, ready to paint: the square (query rows x key columns, downsampled),
/// one colour per column for the axis strips, the legend and the titles.
/// </summary>
/// <param name="Matrix">The square: pixel (x, y) is how query block y attends to key block x.</param>
/// <param name="Axis">One row: the segment colour of each column's tokens.</param>
/// <param name="Legend">Colours and what they mean, segments first.</param>
/// <param name="Title">First title line.</param>
/// <param name="Subtitle">Second title line: what the picture shows and its scale.</param>
/// <param name="TokensPerPixel">Tokens one pixel stands for (below 1 when the record is small and drawn enlarged).</param>
public sealed record MaskPicture(Raster Matrix, Raster Axis, IReadOnlyList<LegendEntry> Legend, string Title, string Subtitle, double TokensPerPixel);

/// <summary>
/// A strip of records, one row each: each row is the record's tokens left to right coloured by document,
/// with segment boundaries in dark lines and padding in grey.
/// </summary>
/// <param name="Rows">One pixel row per record.</param>
/// <param name="RowLabels">Label of each row (the record number).</param>
/// <param name="Legend">Document colours and the marks.</param>
/// <param name="Title">First title line.</param>
/// <param name="Subtitle">Second title line.</param>
/// <param name="TokensPerPixel">Tokens one pixel column stands for.</param>
public sealed record StripPicture(Raster Rows, IReadOnlyList<string> RowLabels, IReadOnlyList<LegendEntry> Legend, string Title, string Subtitle, double TokensPerPixel);
