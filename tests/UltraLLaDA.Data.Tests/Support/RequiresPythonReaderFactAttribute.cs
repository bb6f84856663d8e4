namespace UltraLLaDA.Data.Tests.Support;

/// <summary>A fact that is skipped (and says why) when python3 cannot run the ultrallada_data package (numpy, zstandard, xxhash).</summary>
public sealed class RequiresPythonReaderFactAttribute : FactAttribute
{
    /// <summary>The interpreter with Debian's python3-numpy/-zstandard/-xxhash (what .ci/run installs).</summary>
    public const string Python = "/usr/bin/python3";

    public RequiresPythonReaderFactAttribute()
    {
        if (PythonPackage.SkipReason is { } reason)
            Skip = reason + " (.ci/run installs python3-numpy python3-zstandard python3-xxhash)";
    }
}
