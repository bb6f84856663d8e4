using System.Diagnostics;
using System.Globalization;

namespace UltraLLaDA.Data.Tokenization.Caching;

/// <summary>
/// Where compiled tokenizers are kept between runs, so that a job does not parse and resolve a
/// 10-30 MB tokenizer.json again every time it starts. An entry is keyed by the SHA-256 of the
/// tokenizer's bytes and by the build of this library, checked (format version, length, checksum)
/// before use, and written to a temporary file that is renamed into place, so a stale, damaged or
/// half-written entry is never used: it is rebuilt from the source. The cache is best-effort: when
/// its folder cannot be read or written, loading works as without it.
/// </summary>
public sealed class TokenizerCache
{
    /// <summary>
    /// Environment variable that moves the cache (a folder; entries go in its <c>tokenizers</c>
    /// subfolder) or turns it off (<c>off</c>, <c>none</c>, <c>0</c> or <c>false</c>). Unset:
    /// <c>$XDG_CACHE_HOME/ultrallada-data</c>, else <c>~/.cache/ultrallada-data</c>.
    /// </summary>
    public const string EnvironmentVariable = "ULTRALLADA_DATA_CACHE";

    /// <summary>Smaller tokenizer files load in milliseconds; caching them would only litter the folder.</summary>
    public const long DefaultMinimumSourceBytes = 1 << 20;

    private static readonly Lazy<TokenizerCache> _default = new(FromEnvironment);

    /// <param name="folder">Folder holding the entries; null turns the cache off.</param>
    /// <param name="minimumSourceBytes">Only sources at least this large are cached.</param>
    public TokenizerCache(string? folder, long minimumSourceBytes = DefaultMinimumSourceBytes)
    {
        Folder = folder is null ? null : Path.GetFullPath(folder);
        MinimumSourceBytes = minimumSourceBytes;
    }

    /// <summary>The cache the environment asks for (see <see cref="EnvironmentVariable"/>), made once per process.</summary>
    public static TokenizerCache Default => _default.Value;

    /// <summary>No cache: every load compiles the tokenizer from its source.</summary>
    public static TokenizerCache Disabled { get; } = new(null);

    /// <summary>The folder holding the entries, or null when the cache is off.</summary>
    public string? Folder { get; }

    public long MinimumSourceBytes { get; }

    private int _swept;

    /// <summary>What the last lookup through this instance found (for reports and tests).</summary>
    internal CacheLookup? LastLookup { get; private set; }

    /// <summary>Reads the cache settings from <see cref="EnvironmentVariable"/>, XDG_CACHE_HOME and HOME.</summary>
    public static TokenizerCache FromEnvironment() =>
        FromEnvironment(Environment.GetEnvironmentVariable, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary>As <see cref="FromEnvironment()"/>, with the variables and the home folder given (for tests).</summary>
    internal static TokenizerCache FromEnvironment(Func<string, string?> variable, string? home)
    {
        var setting = variable(EnvironmentVariable);
        if (setting is { Length: > 0 })
        {
            return setting.Trim().ToLowerInvariant() is "off" or "none" or "0" or "false"
                ? Disabled
                : new TokenizerCache(Path.Combine(setting, "tokenizers"));
        }
        var root = variable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : home is { Length: > 0 } ? Path.Combine(home, ".cache") : null;
        return root is null ? Disabled : new TokenizerCache(Path.Combine(root, "ultrallada-data", "tokenizers"));
    }

    /// <summary>Whether a source of <paramref name="sourceBytes"/> bytes is looked up and stored.</summary>
    internal bool Covers(long sourceBytes) => Folder is not null && sourceBytes >= MinimumSourceBytes;

    /// <summary>The entry file for a source with this SHA-256 (lower-case hex).</summary>
    internal string? PathFor(string sha256) => Folder is null ? null : Path.Combine(Folder, $"{sha256}.bpe");

    internal CacheLookup TryRead(string sha256, out CompiledTokenizer? entry)
    {
        entry = null;
        SweepAbandonedOnce();
        var lookup = CacheLookup.Missing;
        if (PathFor(sha256) is { } path)
        {
            try
            {
                lookup = CompiledTokenizerFile.TryDeserialize(File.ReadAllBytes(path), Convert.FromHexString(sha256), CompiledTokenizerFile.LibraryBuild, out entry);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Missing or unreadable: the same as no entry.
            }
        }
        LastLookup = lookup;
        return lookup;
    }

    /// <summary>Stores <paramref name="entry"/> whole or not at all; a failure to write is ignored.</summary>
    internal void Write(string sha256, CompiledTokenizer entry)
    {
        if (PathFor(sha256) is not { } path)
            return;
        SweepAbandonedOnce();
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            Directory.CreateDirectory(Folder!);
            var bytes = CompiledTokenizerFile.Serialize(entry, Convert.FromHexString(sha256), CompiledTokenizerFile.LibraryBuild);
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                // No fsync: an entry that a crash leaves short or garbled fails its length or checksum check and is rebuilt.
                stream.Write(bytes);
            }
            // Rename is atomic: a concurrent reader sees the old entry, none, or this whole one.
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
        }
    }

    /// <summary>
    /// Deletes, once per cache instance, the temporary files of writers that died before their rename
    /// (kill -9, power loss): <c>SHA.bpe.PID.GUID.tmp</c> whose process is gone. A live writer's file is
    /// left alone; a process in another PID namespace that looks dead only loses its best-effort write.
    /// </summary>
    internal void SweepAbandonedOnce()
    {
        if (Folder is null || Interlocked.Exchange(ref _swept, 1) == 1)
            return;
        try
        {
            foreach (var path in Directory.EnumerateFiles(Folder, "*.bpe.*.tmp"))
            {
                if (WriterOf(Path.GetFileName(path)) is int pid && !IsRunning(pid))
                    TryDelete(path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The cache folder is missing or unreadable: nothing to sweep.
        }
    }

    /// <summary>The writing process's id in a temporary entry's name (<c>SHA.bpe.PID.GUID.tmp</c>), or null.</summary>
    internal static int? WriterOf(string fileName)
    {
        var parts = fileName.Split('.');
        return parts.Length == 5 && parts[1] == "bpe" && parts[4] == "tmp" && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
    }

    private static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId)
            return true;
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing more to do: a leftover .tmp file is never read as an entry.
        }
    }
}
