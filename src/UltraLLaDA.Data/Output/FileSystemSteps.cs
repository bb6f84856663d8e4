namespace UltraLLaDA.Data.Output;

/// <summary>
/// The file-system steps in use: the real ones, unless a test has put its own in place for its async
/// flow (<see cref="Use"/>), e.g. to stop a job after step N as a kill would. An ambient seam, so the
/// writers of a split folder need no extra parameter through the format and job interfaces.
/// </summary>
public static class FileSystemSteps
{
    private static readonly AsyncLocal<IFileSystemSteps?> Override = new();

    /// <summary>The steps every writer of an output folder goes through.</summary>
    public static IFileSystemSteps Current => Override.Value ?? DiskFileSystemSteps.Instance;

    /// <summary>For tests: <paramref name="steps"/> serve this async flow (and the tasks it starts) until the result is disposed.</summary>
    public static IDisposable Use(IFileSystemSteps steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var previous = Override.Value;
        Override.Value = steps;
        return new Restore(previous);
    }

    private sealed class Restore(IFileSystemSteps? previous) : IDisposable
    {
        public void Dispose() => Override.Value = previous;
    }
}
