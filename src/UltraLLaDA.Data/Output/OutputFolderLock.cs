namespace UltraLLaDA.Data.Output;

/// <summary>
/// Keeps a second job off a split folder (or a partition's files in it) while one writes there: an OS
/// advisory lock on a small lock file, held open with no sharing for the job's life. The kernel drops
/// the lock when the process ends however it ends (kill -9 included), so a dead job never leaves the
/// folder stuck; the file itself stays, empty, and is reused by the next job.
/// </summary>
public sealed class OutputFolderLock : IDisposable
{
    private readonly FileStream _file;

    private OutputFolderLock(FileStream file) => _file = file;

    /// <summary>The lock file's path.</summary>
    public string Path => _file.Name;

    /// <summary>Takes the lock at <paramref name="path"/>, or throws <see cref="OutputFolderBusyException"/> if another job holds it.</summary>
    public static OutputFolderLock Acquire(string path)
    {
        try
        {
            return new OutputFolderLock(FileSystemSteps.Current.OpenLock(path));
        }
        catch (IOException e) when (File.Exists(path))
        {
            throw new OutputFolderBusyException(path, e);
        }
    }

    public void Dispose() => _file.Dispose();
}
