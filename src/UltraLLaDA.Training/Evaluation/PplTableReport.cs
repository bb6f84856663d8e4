namespace UltraLLaDA.Training.Evaluation;

/// <summary>What `eval-ppl --set` reports: Table 1's shape, one row per context length.</summary>
public sealed record PplTableReport
{
    public required string Set { get; init; }

    /// <summary>The model evaluated (checkpoint folder or weights path).</summary>
    public required string Model { get; init; }

    public required double RopeBase { get; init; }

    /// <summary>The document(s) the windows are prefixes of.</summary>
    public required string Text { get; init; }

    public required int Samples { get; init; }

    public required ulong Seed { get; init; }

    public required IReadOnlyList<PplTableRow> Rows { get; init; }
}
