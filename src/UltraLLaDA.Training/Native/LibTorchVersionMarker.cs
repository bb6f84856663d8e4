namespace UltraLLaDA.Training.Native;

/// <summary>A libtorch version read from a file that ships with it, and which file said so.</summary>
/// <param name="Version">as written, e.g. 2.10.0+cu128</param>
/// <param name="Source">the file it was read from</param>
public sealed record LibTorchVersionMarker(string Version, string Source)
{
    /// <summary>The release without a local tag: 2.10.0+cu128 gives 2.10.0.</summary>
    public string Release => Version.Split('+', 2)[0].Trim();

    /// <summary>The CUDA tag of a PyTorch or libtorch build (cu128), or null for a CPU build or no tag.</summary>
    public string? LocalTag => Version.Contains('+', StringComparison.Ordinal) ? Version.Split('+', 2)[1].Trim() : null;

    /// <summary>
    /// Major.minor equal to <paramref name="expected"/>'s: libtorch keeps its C++ ABI within a minor release (patch
    /// releases are bug fixes), and TorchSharp's libLibTorchSharp.so links against that ABI.
    /// </summary>
    public bool Matches(string expected) => MajorMinor(Release) is { } mine && MajorMinor(expected) is { } theirs && mine == theirs;

    private static string? MajorMinor(string version)
    {
        var parts = version.Split('.');
        return parts.Length >= 2 && int.TryParse(parts[0], out var major) && int.TryParse(parts[1], out var minor) ? $"{major}.{minor}" : null;
    }
}
