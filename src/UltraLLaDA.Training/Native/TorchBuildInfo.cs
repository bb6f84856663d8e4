using System.Reflection;

namespace UltraLLaDA.Training.Native;

/// <summary>
/// How this build was made (eng/TorchSharp.targets writes it into the assembly): the TorchBackend it was built
/// with and the libtorch release TorchSharp was compiled against, which a bring-your-own libtorch must match.
/// </summary>
public static class TorchBuildInfo
{
    /// <summary>cpu, cuda or external (no libtorch natives in the build: see <see cref="ExternalLibTorch"/>).</summary>
    public static string Backend { get; } = Metadata("UltraLLaDA.TorchBackend") ?? "cpu";

    /// <summary>The libtorch version of the NuGet packages this TorchSharp goes with, e.g. 2.10.0.</summary>
    public static string LibTorchVersion { get; } = Metadata("UltraLLaDA.LibTorchVersion") ?? "unknown";

    /// <summary>TorchSharp's assembly version as NuGet names it (0.107.0).</summary>
    public static string TorchSharpVersion { get; } = typeof(TorchSharp.torch).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString() ?? "unknown";

    private static string? Metadata(string key) => typeof(TorchBuildInfo).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .FirstOrDefault(a => a.Key == key)?.Value;
}
