using System.Text.RegularExpressions;
using UltraLLaDA.Training.Model;

namespace UltraLLaDA.Training.Native;

/// <summary>
/// A folder holding a libtorch (libc10.so, libtorch_cpu.so, libtorch.so, and for CUDA libc10_cuda.so and
/// libtorch_cuda.so) and the version it declares. The version is read from files that ship beside the libraries,
/// because the libraries themselves carry none (their sonames are unversioned, libtorch_cpu.so, and the build
/// version is not stored in them as a string):
/// <list type="number">
/// <item>an installed PyTorch: <c>torch/version.py</c> next to <c>torch/lib</c> (<c>__version__ = '2.10.0+cu128'</c>);</item>
/// <item>a libtorch zip from pytorch.org: <c>libtorch/build-version</c> next to <c>libtorch/lib</c> (<c>2.10.0+cu128</c>);</item>
/// <item>a libtorch NuGet package (<c>libtorch-cpu-linux-x64/2.10.0/runtimes/linux-x64/native</c>): the
///   package's <c>.nuspec</c> three folders up.</item>
/// </list>
/// </summary>
public sealed partial record LibTorchFolder(string LibDirectory, LibTorchVersionMarker? Version)
{
    /// <summary>The library every libtorch has; the folder that holds it is the lib folder.</summary>
    public const string CoreLibrary = "libtorch_cpu.so";

    /// <summary>True when the folder holds the CUDA libraries (a CUDA build of PyTorch or libtorch).</summary>
    public bool HasCuda => File.Exists(Path.Combine(LibDirectory, "libtorch_cuda.so"));

    /// <summary>
    /// Finds the lib folder from <paramref name="path"/>: the folder with libtorch_cpu.so itself (torch/lib,
    /// libtorch/lib, a NuGet native folder) or one whose lib/ subfolder has it (torch, libtorch); then reads its version.
    /// </summary>
    public static LibTorchFolder Open(string path, string origin)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        if (!Directory.Exists(full))
            throw new TrainingConfigException($"{origin}={path}: no such folder");
        var lib = File.Exists(Path.Combine(full, CoreLibrary)) ? full
            : File.Exists(Path.Combine(full, "lib", CoreLibrary)) ? Path.Combine(full, "lib")
            : throw new TrainingConfigException($"{origin}={path}: holds no {CoreLibrary} (give the torch/lib folder of an installed PyTorch, or libtorch/lib)");
        return new LibTorchFolder(lib, ReadVersion(lib));
    }

    /// <summary>The version marker of the libtorch in <paramref name="libDirectory"/>, or null when none is found.</summary>
    public static LibTorchVersionMarker? ReadVersion(string libDirectory)
    {
        var parent = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(libDirectory));
        if (parent is null)
            return null;

        var versionPy = Path.Combine(parent, "version.py");
        if (File.Exists(versionPy) && PythonVersion().Match(File.ReadAllText(versionPy)) is { Success: true } py)
            return new LibTorchVersionMarker(py.Groups[1].Value, versionPy);

        var buildVersion = Path.Combine(parent, "build-version");
        if (File.Exists(buildVersion) && File.ReadLines(buildVersion).FirstOrDefault()?.Trim() is { Length: > 0 } line)
            return new LibTorchVersionMarker(line, buildVersion);

        var packageRoot = Path.GetFullPath(Path.Combine(libDirectory, "..", "..", ".."));
        if (Directory.Exists(packageRoot))
        {
            foreach (var nuspec in Directory.EnumerateFiles(packageRoot, "*.nuspec").Order(StringComparer.Ordinal))
            {
                if (NuspecVersion(nuspec) is { } version)
                    return new LibTorchVersionMarker(version, nuspec);
            }
        }

        return null;
    }

    /// <summary>The version of a libtorch-* NuGet package's .nuspec; null for any other package.</summary>
    private static string? NuspecVersion(string nuspec)
    {
        // A .nuspec is written by NuGet's packer: <id> and <version> are plain elements of <metadata>. A pattern
        // match keeps the XML stack out of the trimmed GPU bundle.
        var text = File.ReadAllText(nuspec);
        var id = NuspecElement("id").Match(text);
        var version = NuspecElement("version").Match(text);
        return id.Success && version.Success && id.Groups[1].Value.Trim().StartsWith("libtorch-", StringComparison.OrdinalIgnoreCase)
            ? version.Groups[1].Value.Trim()
            : null;
    }

    private static Regex NuspecElement(string name) => new($"<{name}>([^<]+)</{name}>", RegexOptions.CultureInvariant);

    [GeneratedRegex(@"^__version__\s*=\s*['""]([^'""]+)['""]", RegexOptions.Multiline)]
    private static partial Regex PythonVersion();
}
