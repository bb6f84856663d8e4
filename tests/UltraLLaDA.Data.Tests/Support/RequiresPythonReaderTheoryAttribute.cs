namespace UltraLLaDA.Data.Tests.Support;

/// <summary>The theory form of <see cref="RequiresPythonReaderFactAttribute"/>.</summary>
public sealed class RequiresPythonReaderTheoryAttribute : TheoryAttribute
{
    public RequiresPythonReaderTheoryAttribute()
    {
        if (PythonPackage.SkipReason is { } reason)
            Skip = reason + " (.ci/run installs python3-numpy python3-zstandard python3-xxhash)";
    }
}
