namespace UltraLLaDA.Data.Inspection;

/// <summary>How <see cref="ShardVerifier"/> runs.</summary>
public sealed record VerifyOptions
{
    /// <summary>Threads that read records (and hash files) at once; all cores by default.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;
}
