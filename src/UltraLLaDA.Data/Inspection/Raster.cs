namespace UltraLLaDA.Data.Inspection;

/// <summary>A plain image in memory: <see cref="Width"/> x <see cref="Height"/> opaque colours, 0xAARRGGBB, row by row.</summary>
public sealed class Raster
{
    public Raster(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        Width = width;
        Height = height;
        Pixels = new uint[checked(width * height)];
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>The colours, row by row (0xAARRGGBB).</summary>
    public uint[] Pixels { get; }

    public uint this[int x, int y]
    {
        get => Pixels[(y * Width) + x];
        set => Pixels[(y * Width) + x] = value;
    }
}
