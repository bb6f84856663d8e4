using UltraLLaDA.Training.Model;
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
                throw new TrainingConfigException("--device cuda: no CUDA device is usable. This build uses the CPU libtorch unless built with -p:TorchBackend=cuda (see docs/training.md).");
            return new Device(name);
        }

        throw new TrainingConfigException($"unknown device '{name}': use cpu, cuda or cuda:N");
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
