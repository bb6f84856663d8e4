using System.CommandLine;
using System.Text;
using System.Text.Json;
using UltraLLaDA.Training.Native;
using UltraLLaDA.Training.Training;

namespace UltraLLaDA.Training.Cli.Commands;

/// <summary>
/// <c>ultrallada-train doctor</c>: which TorchSharp and libtorch this process runs, where the native libraries came
/// from, CUDA devices, bf16 and threads. With --device it also checks that device as train and eval-ppl would,
/// exiting 2 with one line when it is not usable.
/// </summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "print JSON" };
        var device = new Option<string?>("--device") { Description = "also check this device (cpu, cuda, cuda:N) as train would: exit 2 when unusable" };
        var threads = new Option<int>("--threads") { Description = "set libtorch CPU threads first, as train --threads does (0: libtorch's default)" };
        var command = new Command("doctor", "Report TorchSharp, libtorch (version, where it was loaded from), CUDA devices, bf16 support and threads.")
        {
            json, device, threads,
        };
        command.SetAction(result => CliErrors.Run(() =>
        {
            if (result.GetValue(threads) > 0)
                TorchSharp.torch.set_num_threads(result.GetValue(threads));
            var report = Doctor.Inspect();
            Console.Write(result.GetValue(json) ? JsonSerializer.Serialize(report, TrainingJsonContext.Indented.DoctorReport) + Environment.NewLine : Format(report));
            if (result.GetValue(device) is { } name)
                TorchSetup.ParseDevice(name);
            return 0;
        }));
        return command;
    }

    private static string Format(DoctorReport r)
    {
        var text = new StringBuilder();
        text.AppendLine($"TorchSharp        {r.TorchSharpVersion} (built against libtorch {r.TorchSharpLibTorch})");
        text.AppendLine($"build backend     {r.BuildBackend} (-p:TorchBackend)");
        text.AppendLine($"libtorch          {r.LibTorchVersion ?? "version unknown"}{(r.LibTorchVersionSource is null ? string.Empty : $" (from {r.LibTorchVersionSource})")}");
        text.AppendLine($"libtorch folder   {r.LibTorchDirectory ?? "not loaded"} ({(r.LibTorchSource == "build" ? "carried by this build" : $"from {r.LibTorchSource}")})");
        text.AppendLine($"backend in use    {r.Backend}{(r.Backend == "cuda" ? " (libtorch_cuda.so loaded)" : " (no libtorch_cuda.so)")}");
        text.AppendLine($"CUDA              {(r.CudaAvailable ? $"available, {r.CudaDeviceCount} device(s), cuDNN {(r.CudnnAvailable ? "yes" : "no")}" : "not available")}; driver {r.CudaDriverVersion ?? "none (no libcuda.so.1)"}");
        foreach (var d in r.CudaDevices)
            text.AppendLine($"  cuda:{d.Index}            {d.Name}, {d.TotalMemoryBytes / (1024.0 * 1024 * 1024):F1} GiB, compute {d.ComputeCapability}, bf16 {(d.Bf16 ? "yes" : "no")}");
        text.AppendLine($"bf16              cpu {(r.Bf16Cpu ? "yes" : "no")}{(r.Bf16Cuda is { } b ? $", cuda:0 {(b ? "yes" : "no")}" : string.Empty)} (a bf16 matmul ran and was exact)");
        text.AppendLine($"threads           libtorch {r.TorchThreads} intra-op, {r.TorchInteropThreads} inter-op; {r.ProcessorCount} processors; OMP_NUM_THREADS {r.OmpNumThreads ?? "unset"}, MKL_NUM_THREADS {r.MklNumThreads ?? "unset"}");
        text.AppendLine("native libraries  (from /proc/self/maps)");
        foreach (var library in r.LoadedLibraries)
            text.AppendLine($"  {library}");
        foreach (var note in r.Notes)
            text.AppendLine($"note: {note}");
        return text.ToString();
    }
}
