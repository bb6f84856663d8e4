namespace UltraLLaDA.Data.Cli.Inspection;

/// <summary>A painted picture: the PNG bytes and where its data area lies (so tests can find pixels).</summary>
/// <param name="Png">The encoded PNG.</param>
/// <param name="Width">Image width in pixels.</param>
/// <param name="Height">Image height in pixels.</param>
/// <param name="DataLeft">Left edge of the attention square, or of the record rows.</param>
/// <param name="DataTop">Top edge of the attention square, or of the first record row.</param>
/// <param name="RowHeight">Strip: pixels per record row (0 for an attention square).</param>
/// <param name="RowPitch">Strip: pixels from one record row's top to the next's (0 for an attention square).</param>
/// <param name="HasText">False when no font was found and the picture carries no text.</param>
internal sealed record PaintedImage(byte[] Png, int Width, int Height, int DataLeft, int DataTop, int RowHeight, int RowPitch, bool HasText);
