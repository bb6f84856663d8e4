namespace UltraLLaDA.Training.Data;

/// <summary>Where the loader stands: the epoch and the number of records of that epoch's order already handed out.</summary>
public readonly record struct DataPosition(int Epoch, long Offset)
{
    public static DataPosition Start => new(0, 0);

    public override string ToString() => $"epoch {Epoch}, record {Offset}";
}
