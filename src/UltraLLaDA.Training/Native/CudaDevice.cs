namespace UltraLLaDA.Training.Native;

/// <summary>One CUDA device as the driver describes it.</summary>
/// <param name="Index">the CUDA ordinal (cuda:N)</param>
/// <param name="Name">e.g. NVIDIA H200</param>
/// <param name="TotalMemoryBytes">device memory</param>
/// <param name="ComputeCapability">e.g. 9.0</param>
/// <param name="Bf16">bf16 tensor-core math: compute capability 8.0 (Ampere) or later</param>
public sealed record CudaDevice(int Index, string Name, long TotalMemoryBytes, string ComputeCapability, bool Bf16);
