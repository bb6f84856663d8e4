namespace UltraLLaDA.Data.Output;

/// <summary>The real file-system steps: what every job does outside tests.</summary>
public sealed class DiskFileSystemSteps : IFileSystemSteps
{
    public static DiskFileSystemSteps Instance { get; } = new();

    private DiskFileSystemSteps()
    {
    }

    public Stream Create(string path, FileShare share, int bufferSize, FileOptions options = FileOptions.None) =>
        new FileStream(path, FileMode.Create, FileAccess.Write, share, bufferSize, options);

    public Stream OpenTruncated(string path, long length, FileShare share)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, share);
        try
        {
            file.SetLength(length);
            file.Seek(length, SeekOrigin.Begin);
            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public void FlushToDisk(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (stream is FileStream file)
            file.Flush(flushToDisk: true);
        else
            stream.Flush();
    }

    public void Move(string source, string destination) => File.Move(source, destination, overwrite: true);

    public void Delete(string path) => File.Delete(path);

    public FileStream OpenLock(string path) => new(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
}
