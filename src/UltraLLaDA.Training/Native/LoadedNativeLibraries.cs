namespace UltraLLaDA.Training.Native;

/// <summary>The torch and CUDA shared libraries mapped into this process, from /proc/self/maps (Linux only).</summary>
public static class LoadedNativeLibraries
{
    private static readonly string[] Prefixes =
        ["libLibTorchSharp", "libtorch", "libc10", "libgomp", "libcuda.", "libcudart", "libcudnn", "libcublas", "libnccl", "libnvrtc", "libnvJitLink", "libcusparse", "libcufft"];

    /// <summary>Full paths of the libraries whose file names start with a torch or CUDA prefix, in load-address order.</summary>
    public static IReadOnlyList<string> Torch()
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps))
            return [];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var found = new List<string>();
        foreach (var line in File.ReadLines(maps))
        {
            // address perms offset dev inode path: the path is everything after the fifth field.
            var slash = line.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0)
                continue;
            var path = line[slash..].Trim();
            var name = Path.GetFileName(path);
            if (Prefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)) && seen.Add(path))
                found.Add(path);
        }

        return found;
    }
}
