using UltraLLaDA.Training.Model;
using UltraLLaDA.Training.Native;
using static TorchSharp.torch;

namespace UltraLLaDA.Training.Training;

/// <summary>Turns the --device and --dtype strings into TorchSharp's, checking the device exists.</summary>
public static class TorchSetup
{
    public static Device ParseDevice(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name == "cpu")
            return CPU;
        if (name == "cuda" || name.StartsWith("cuda:", StringComparison.Ordinal))
        {
            if (!cuda.is_available())
                throw new TrainingConfigException(NoCudaMessage(name));
            var device = new Device(name);
            var count = cuda.device_count();
            if (device.index >= count)
                throw new TrainingConfigException($"--device {name}: this machine has {count} CUDA device(s), cuda:0..cuda:{count - 1}");
            return device;
        }

        throw new TrainingConfigException($"unknown device '{name}': use cpu, cuda or cuda:N");
    }

    /// <summary>
    /// Why CUDA is not usable, in one line: a CPU-only libtorch (how to get a CUDA one), or a CUDA libtorch that
    /// sees no device.
    /// </summary>
    public static string NoCudaMessage(string name)
    {
        var cudaLibtorch = LoadedNativeLibraries.Torch().Any(l => Path.GetFileName(l) == "libtorch_cuda.so");
        return cudaLibtorch
            ? $"--device {name}: the loaded libtorch has CUDA but sees no usable device (driver, CUDA_VISIBLE_DEVICES?): run `ultrallada-train doctor`"
            : $"--device {name}: this build's libtorch is CPU-only; for CUDA build with -p:TorchBackend=cuda, or use a -p:TorchBackend=external build " +
              $"(tools/gpu-bundle/make-bundle.sh) with {ExternalLibTorch.EnvironmentVariable} set to the torch/lib of a CUDA PyTorch {TorchBuildInfo.LibTorchVersion} (docs/training.md, On a GPU)";
    }

    /// <summary>fp32 or bf16; an empty name picks bf16 on CUDA and fp32 on the CPU.</summary>
    public static ScalarType ParseDType(string name, Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return name switch
        {
            "" => device.type == TorchSharp.DeviceType.CUDA ? ScalarType.BFloat16 : ScalarType.Float32,
            "fp32" or "float32" => ScalarType.Float32,
            "bf16" or "bfloat16" => ScalarType.BFloat16,
            _ => throw new TrainingConfigException($"unknown dtype '{name}': use fp32 or bf16"),
        };
    }

    public static string DTypeName(ScalarType type) => type == ScalarType.BFloat16 ? "bf16" : "fp32";
}
