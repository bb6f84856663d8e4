using System.Text.Json.Serialization;

namespace UltraLLaDA.Training.Native;

/// <summary>What <c>ultrallada-train doctor</c> found about TorchSharp, libtorch, CUDA and threads.</summary>
public sealed record DoctorReport
{
    [JsonPropertyName("torchsharp_version")]
    public required string TorchSharpVersion { get; init; }

    /// <summary>The libtorch release TorchSharp is built against (TorchSharp's torch.__version__).</summary>
    [JsonPropertyName("torchsharp_libtorch")]
    public required string TorchSharpLibTorch { get; init; }

    /// <summary>-p:TorchBackend of this build: cpu, cuda or external.</summary>
    public required string BuildBackend { get; init; }

    /// <summary>"build" (the libtorch the build carries) or the environment variable it came from.</summary>
    [JsonPropertyName("libtorch_source")]
    public required string LibTorchSource { get; init; }

    /// <summary>The folder libtorch_cpu.so was loaded from (from /proc/self/maps).</summary>
    [JsonPropertyName("libtorch_directory")]
    public required string? LibTorchDirectory { get; init; }

    /// <summary>The loaded libtorch's version, from its marker file or, for the build's own, the package version.</summary>
    [JsonPropertyName("libtorch_version")]
    public required string? LibTorchVersion { get; init; }

    [JsonPropertyName("libtorch_version_source")]
    public required string? LibTorchVersionSource { get; init; }

    /// <summary>The torch and CUDA libraries mapped into the process.</summary>
    public required IReadOnlyList<string> LoadedLibraries { get; init; }

    /// <summary>"cuda" when libtorch_cuda.so is loaded, else "cpu".</summary>
    public required string Backend { get; init; }

    public required bool CudaAvailable { get; init; }

    public required int CudaDeviceCount { get; init; }

    public required bool CudnnAvailable { get; init; }

    public required string? CudaDriverVersion { get; init; }

    /// <summary>The devices as the CUDA driver describes them (TorchSharp exposes no names or memory).</summary>
    public required IReadOnlyList<CudaDevice> CudaDevices { get; init; }

    /// <summary>A bf16 matrix product ran on the CPU.</summary>
    public required bool Bf16Cpu { get; init; }

    /// <summary>A bf16 matrix product ran on cuda:0; null without CUDA.</summary>
    public required bool? Bf16Cuda { get; init; }

    public required int TorchThreads { get; init; }

    public required int TorchInteropThreads { get; init; }

    public required int ProcessorCount { get; init; }

    public required string? OmpNumThreads { get; init; }

    public required string? MklNumThreads { get; init; }

    /// <summary>What TorchSharp cannot tell, and where the report got it instead.</summary>
    public required IReadOnlyList<string> Notes { get; init; }
}
