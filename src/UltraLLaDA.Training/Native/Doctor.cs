using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace UltraLLaDA.Training.Native;

/// <summary>Collects a <see cref="DoctorReport"/>: loads TorchSharp's native backend and asks it, the process maps and the CUDA driver.</summary>
public static class Doctor
{
    public static DoctorReport Inspect()
    {
        // The first TorchSharp call loads libLibTorchSharp and libtorch; everything below describes what was loaded.
        var cudaAvailable = cuda.is_available();
        var deviceCount = cudaAvailable ? cuda.device_count() : 0;
        var libraries = LoadedNativeLibraries.Torch();
        var core = libraries.FirstOrDefault(l => Path.GetFileName(l) == LibTorchFolder.CoreLibrary);
        var directory = core is null ? null : Path.GetDirectoryName(core);
        var external = ExternalLibTorch.Loaded;
        var marker = external?.Version ?? (directory is null ? null : LibTorchFolder.ReadVersion(directory));
        var (version, versionSource) = marker is not null ? (marker.Version, marker.Source)
            : directory is not null && ExternalLibTorch.CarriesLibTorch(AppContext.BaseDirectory)
                ? (TorchBuildInfo.LibTorchVersion, "the libtorch package this build carries (Directory.Packages.props)")
                : ((string?)null, (string?)null);
        var hasCudaLibrary = libraries.Any(l => Path.GetFileName(l) == "libtorch_cuda.so");

        return new DoctorReport
        {
            TorchSharpVersion = TorchBuildInfo.TorchSharpVersion,
            TorchSharpLibTorch = __version__,
            BuildBackend = TorchBuildInfo.Backend,
            LibTorchSource = external is null ? "build" : ExternalLibTorch.EnvironmentVariable,
            LibTorchDirectory = directory,
            LibTorchVersion = version,
            LibTorchVersionSource = versionSource,
            LoadedLibraries = libraries,
            Backend = hasCudaLibrary ? "cuda" : "cpu",
            CudaAvailable = cudaAvailable,
            CudaDeviceCount = deviceCount,
            CudnnAvailable = cudaAvailable && cuda.is_cudnn_available(),
            CudaDriverVersion = CudaDriver.DriverVersion(),
            CudaDevices = CudaDriver.Devices(),
            Bf16Cpu = Bf16Works(CPU),
            Bf16Cuda = cudaAvailable ? Bf16Works(CUDA) : null,
            TorchThreads = get_num_threads(),
            TorchInteropThreads = get_num_interop_threads(),
            ProcessorCount = Environment.ProcessorCount,
            OmpNumThreads = Environment.GetEnvironmentVariable("OMP_NUM_THREADS"),
            MklNumThreads = Environment.GetEnvironmentVariable("MKL_NUM_THREADS"),
            Notes =
            [
                "TorchSharp 0.107 exposes torch.cuda.is_available, device_count and cudnn availability only; device names, memory and compute capability come from the CUDA driver API (libcuda.so.1)",
                "TorchSharp does not bind libtorch's caching-allocator statistics (max_memory_allocated); train reports peak device memory in use from the driver (cuMemGetInfo), which includes the CUDA context and libtorch's cache",
                "native libraries: from /proc/self/maps",
            ],
        };
    }

    /// <summary>True when a small bf16 matrix product runs on <paramref name="device"/> and gives the exact answer.</summary>
    private static bool Bf16Works(Device device)
    {
        try
        {
            using var scope = NewDisposeScope();
            var a = ones(4, 4, ScalarType.BFloat16, device);
            var product = a.matmul(a).to(ScalarType.Float32).cpu();
            return product[0, 0].item<float>() == 4f;
        }
        catch (Exception e) when (e is ExternalException or NotSupportedException or InvalidOperationException)
        {
            return false;
        }
    }
}
