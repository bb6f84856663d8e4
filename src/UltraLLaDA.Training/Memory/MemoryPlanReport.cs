namespace UltraLLaDA.Training.Memory;

/// <summary>The plan's JSON: <c>{"options": [{"optimizer_state", "items": {...}, "total_gb", "fits"}, ...], ...}</c>.</summary>
public sealed record MemoryPlanReport
{
    public required string Model { get; init; }

    public required long Parameters { get; init; }

    public required int BatchSize { get; init; }

    public required int SeqLen { get; init; }

    public required string Dtype { get; init; }

    public required bool ActivationCheckpointing { get; init; }

    public required int LogitsChunkRows { get; init; }

    public required string Device { get; init; }

    /// <summary>GB (GiB) of the device; 0: unknown.</summary>
    public required double DeviceMemoryGb { get; init; }

    public required IReadOnlyList<MemoryPlanOption> Options { get; init; }
}
