namespace UltraLLaDA.Data.Tests.Support;

/// <summary>
/// A fact on the real PG-19 sample (<c>../shared/pg19-sample</c> beside the repository root). Where the sample is
/// absent the test shows as skipped, never as a silent pass.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class Pg19SampleFactAttribute : FactAttribute
{
    public Pg19SampleFactAttribute()
    {
        if (TestPaths.Pg19Sample is null)
            Skip = "PG-19 sample not found at ../shared/pg19-sample beside the repository root";
    }
}
