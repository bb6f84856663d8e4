using System.Globalization;
using UltraLLaDA.Training.Native;
using static TorchSharp.torch;

namespace UltraLLaDA.Training.Memory;

/// <summary>How much memory a run's device has, in GB (GiB), for the plan's fits/does-not.</summary>
public static class DeviceMemory
{
    /// <summary>
    /// <paramref name="givenGb"/> when positive; else a CUDA device's total memory (driver), or the machine's physical
    /// memory for the CPU (/proc/meminfo MemTotal); 0 when neither can be read (the plan then refuses nothing).
    /// </summary>
    public static double TotalGb(Device device, double givenGb)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (givenGb > 0)
            return givenGb;
        if (device.type == TorchSharp.DeviceType.CUDA)
        {
            var index = Math.Max(0, (int)device.index);
            var devices = CudaDriver.Devices();
            return index < devices.Count && devices[index].TotalMemoryBytes > 0 ? devices[index].TotalMemoryBytes / MemoryPlan.BytesPerGb : 0;
        }

        return PhysicalMemoryGb();
    }

    /// <summary>MemTotal of /proc/meminfo in GiB, or 0 where there is none.</summary>
    public static double PhysicalMemoryGb()
    {
        const string MemInfo = "/proc/meminfo";
        if (!File.Exists(MemInfo))
            return 0;
        foreach (var line in File.ReadLines(MemInfo))
        {
            if (!line.StartsWith("MemTotal:", StringComparison.Ordinal))
                continue;
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return fields.Length >= 2 && long.TryParse(fields[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var kib) ? kib * 1024.0 / MemoryPlan.BytesPerGb : 0;
        }

        return 0;
    }
}
