using System.Runtime.InteropServices;
using System.Text;

namespace UltraLLaDA.Training.Native;

/// <summary>
/// The few CUDA driver API calls (libcuda.so.1, installed with the NVIDIA driver) that TorchSharp 0.107 does not
/// expose: device names, memory and compute capability, and the memory in use for peak-memory reports. TorchSharp
/// has torch.cuda.is_available/device_count only; libtorch's caching-allocator statistics
/// (torch.cuda.max_memory_allocated in Python) are C++ and not bound. Every call returns null or empty when there is
/// no driver, so this is safe on a CPU-only machine.
/// </summary>
public static class CudaDriver
{
    private const string Library = "libcuda.so.1";
    private const int AttributeComputeCapabilityMajor = 75;
    private const int AttributeComputeCapabilityMinor = 76;

    /// <summary>The driver's CUDA version (e.g. 12.8), or null without a driver.</summary>
    public static string? DriverVersion()
    {
        if (!TryInit())
            return null;
        return Call(() => cuDriverGetVersion(out var v) == 0 ? $"{v / 1000}.{v % 1000 / 10}" : null);
    }

    /// <summary>The devices the driver sees (honouring CUDA_VISIBLE_DEVICES); empty without a driver.</summary>
    public static IReadOnlyList<CudaDevice> Devices()
    {
        if (!TryInit())
            return [];
        return Call(() =>
        {
            if (cuDeviceGetCount(out var count) != 0)
                return (IReadOnlyList<CudaDevice>)[];
            var devices = new List<CudaDevice>();
            for (var i = 0; i < count; i++)
            {
                if (cuDeviceGet(out var device, i) != 0)
                    continue;
                var name = new byte[256];
                var nameText = cuDeviceGetName(name, name.Length, device) == 0 ? Encoding.UTF8.GetString(name, 0, Math.Max(0, Array.IndexOf(name, (byte)0))) : "?";
                var total = cuDeviceTotalMem_v2(out var bytes, device) == 0 ? (long)bytes : -1;
                cuDeviceGetAttribute(out var major, AttributeComputeCapabilityMajor, device);
                cuDeviceGetAttribute(out var minor, AttributeComputeCapabilityMinor, device);
                devices.Add(new CudaDevice(i, nameText, total, $"{major}.{minor}", major >= 8));
            }

            return devices;
        }) ?? [];
    }

    /// <summary>
    /// Device memory in use (total minus free) as the driver sees it from this thread's current CUDA context, or null
    /// when there is none. libtorch's caching allocator keeps what it once reserved, so after a training step this
    /// is the peak reserved by libtorch so far plus the CUDA context (and any other process on the device).
    /// </summary>
    public static long? MemoryInUse()
    {
        if (!TryInit())
            return null;
        return Call(() =>
        {
            if (cuCtxGetCurrent(out var context) != 0 || context == IntPtr.Zero)
                return (long?)null;
            return cuMemGetInfo_v2(out var free, out var total) == 0 ? (long)(total - free) : null;
        });
    }

    private static bool TryInit()
    {
        if (!NativeLibrary.TryLoad(Library, out _))
            return false;
        return Call(() => (bool?)(cuInit(0) == 0)) ?? false;
    }

    private static T? Call<T>(Func<T?> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return default;
        }
    }

    [DllImport(Library)]
    private static extern int cuInit(uint flags);

    [DllImport(Library)]
    private static extern int cuDriverGetVersion(out int version);

    [DllImport(Library)]
    private static extern int cuDeviceGetCount(out int count);

    [DllImport(Library)]
    private static extern int cuDeviceGet(out int device, int ordinal);

    [DllImport(Library)]
    private static extern int cuDeviceGetName(byte[] name, int length, int device);

    [DllImport(Library)]
    private static extern int cuDeviceTotalMem_v2(out nuint bytes, int device);

    [DllImport(Library)]
    private static extern int cuDeviceGetAttribute(out int value, int attribute, int device);

    [DllImport(Library)]
    private static extern int cuCtxGetCurrent(out IntPtr context);

    [DllImport(Library)]
    private static extern int cuMemGetInfo_v2(out nuint free, out nuint total);
}
