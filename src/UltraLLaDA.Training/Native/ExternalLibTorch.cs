using System.Runtime.InteropServices;
using UltraLLaDA.Training.Model;

namespace UltraLLaDA.Training.Native;

/// <summary>
/// Bring-your-own libtorch. TorchSharp 0.107 has no setting for where libtorch lives: it asks the loader for
/// <c>torch_cpu</c>/<c>torch_cuda</c> and then <c>LibTorchSharp</c> (NativeLibrary.TryLoad relative to
/// TorchSharp.dll: the app's native folders, then the system search), and libLibTorchSharp.so finds libtorch.so,
/// libc10.so and libtorch_cpu.so by soname (its RUNPATH is <c>$ORIGIN</c> plus build-machine paths). glibc
/// resolves a soname to a library already in the process, so loading the libraries of a chosen folder by full
/// path, before TorchSharp's first call, makes TorchSharp use them. That is what <see cref="Prepare()"/> does
/// with the folder named by <see cref="EnvironmentVariable"/>, after checking its version: a libtorch of another
/// release would load and then fail on a missing or changed C++ symbol, or crash.
/// </summary>
public static class ExternalLibTorch
{
    /// <summary>The folder of the libtorch to use: torch/lib of an installed PyTorch, or libtorch/lib.</summary>
    public const string EnvironmentVariable = "ULTRALLADA_LIBTORCH";

    /// <summary>Dependency order: each library's NEEDED entries are already loaded when it is.</summary>
    private static readonly string[] LoadOrder = ["libc10.so", "libtorch_cpu.so", "libc10_cuda.so", "libtorch_cuda.so", "libtorch.so"];

    private static readonly Lock Gate = new();

    /// <summary>The libtorch loaded from <see cref="EnvironmentVariable"/>, or null when the build's own is used.</summary>
    public static LibTorchFolder? Loaded { get; private set; }

    /// <summary>
    /// Checks <see cref="EnvironmentVariable"/> and loads that libtorch; call before any TorchSharp use. Throws
    /// <see cref="TrainingConfigException"/> (one line, naming the folder and what is wrong) instead of letting
    /// TorchSharp fail later with a missing library or symbol.
    /// </summary>
    public static LibTorchFolder? Prepare() =>
        Prepare(Environment.GetEnvironmentVariable(EnvironmentVariable), TorchBuildInfo.Backend, TorchBuildInfo.LibTorchVersion, AppContext.BaseDirectory);

    /// <summary><see cref="Prepare()"/> with its inputs given, for tests.</summary>
    public static LibTorchFolder? Prepare(string? folder, string backend, string expectedVersion, string appDirectory)
    {
        var checkedFolder = Check(folder, backend, expectedVersion, appDirectory);
        if (checkedFolder is null)
            return null;
        lock (Gate)
        {
            if (Loaded is not null)
                return Loaded;
            foreach (var name in LoadOrder)
            {
                var file = Path.Combine(checkedFolder.LibDirectory, name);
                if (!File.Exists(file))
                    continue;
                try
                {
                    NativeLibrary.Load(file);
                }
                catch (DllNotFoundException e)
                {
                    throw new TrainingConfigException($"{EnvironmentVariable}: cannot load {file}: {e.Message}", e);
                }
            }

            Loaded = checkedFolder;
            return checkedFolder;
        }
    }

    /// <summary>The checks of <see cref="Prepare()"/> without loading anything: the folder to load, or null for none.</summary>
    public static LibTorchFolder? Check(string? folder, string backend, string expectedVersion, string appDirectory)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(expectedVersion);
        ArgumentNullException.ThrowIfNull(appDirectory);
        if (string.IsNullOrWhiteSpace(folder))
        {
            if (backend == "external" && !CarriesLibTorch(appDirectory))
            {
                throw new TrainingConfigException(
                    $"this build carries no libtorch (-p:TorchBackend=external): set {EnvironmentVariable} to the torch/lib folder of an installed PyTorch {MajorMinor(expectedVersion)} " +
                    "(python3 -c \"import torch, os; print(os.path.join(os.path.dirname(torch.__file__), 'lib'))\") or to libtorch/lib of a libtorch " + expectedVersion);
            }

            return null;
        }

        var libTorch = LibTorchFolder.Open(folder, EnvironmentVariable);
        var version = libTorch.Version ?? throw new TrainingConfigException(
            $"{EnvironmentVariable}={folder}: cannot tell which libtorch {libTorch.LibDirectory} is: none of ../version.py (PyTorch), ../build-version (libtorch zip) " +
            $"or a libtorch NuGet .nuspec is there; TorchSharp {TorchBuildInfo.TorchSharpVersion} needs libtorch {expectedVersion}, and a library of another version fails or crashes later");
        if (!version.Matches(expectedVersion))
        {
            throw new TrainingConfigException(
                $"{EnvironmentVariable}={folder}: that is libtorch {version.Version} (from {version.Source}), but TorchSharp {TorchBuildInfo.TorchSharpVersion} " +
                $"is built against libtorch {expectedVersion} and needs {MajorMinor(expectedVersion)}.x: install PyTorch {MajorMinor(expectedVersion)} (pip install 'torch=={MajorMinor(expectedVersion)}.*') or point at a libtorch {expectedVersion}");
        }

        if (backend != "external" && CarriesLibTorch(appDirectory))
        {
            throw new TrainingConfigException(
                $"{EnvironmentVariable} is set, but this build carries its own libtorch (TorchBackend={backend}) and two copies in one process crash: " +
                "unset it, or use a build made with -p:TorchBackend=external (tools/gpu-bundle/make-bundle.sh)");
        }

        return libTorch;
    }

    /// <summary>True when libtorch_cpu.so ships with the app (a framework-dependent build's runtimes/ folder or a flat publish).</summary>
    public static bool CarriesLibTorch(string appDirectory) =>
        File.Exists(Path.Combine(appDirectory, LibTorchFolder.CoreLibrary))
        || File.Exists(Path.Combine(appDirectory, "runtimes", "linux-x64", "native", LibTorchFolder.CoreLibrary));

    private static string MajorMinor(string version) => string.Join('.', version.Split('.').Take(2));
}
