namespace UltraLLaDA.Data.Output;

/// <summary>Another job is writing to the same output (it holds the lock file <see cref="LockPath"/>).</summary>
public sealed class OutputFolderBusyException : IOException
{
    public OutputFolderBusyException()
    {
    }

    public OutputFolderBusyException(string message)
        : base(message)
    {
    }

    public OutputFolderBusyException(string lockPath, Exception innerException)
        : base($"{System.IO.Path.GetDirectoryName(lockPath)} is being written by another pack job right now (it holds the lock {System.IO.Path.GetFileName(lockPath)}); wait for that job to end or stop it, then run again.", innerException)
    {
        LockPath = lockPath;
    }

    public string? LockPath { get; }
}
