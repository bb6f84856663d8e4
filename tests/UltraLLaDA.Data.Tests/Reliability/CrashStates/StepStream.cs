namespace UltraLLaDA.Data.Tests.Reliability.CrashStates;

/// <summary>
/// A file made through <see cref="StoppingFileSystemSteps"/>: unbuffered, so each write the job makes is
/// one write to the OS, one step, and is on the file as soon as it returns (what a kill leaves).
/// </summary>
internal sealed class StepStream(StoppingFileSystemSteps steps, FileStream file, string path) : Stream
{
    public FileStream File => file;

    /// <summary>Where the file is now (a rename moves it).</summary>
    public string Path { get; set; } = path;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => file.Length;

    public override long Position
    {
        get => file.Position;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var bytes = buffer.ToArray();
        steps.Step($"write {bytes.Length} bytes to {System.IO.Path.GetFileName(Path)}", () => file.Write(bytes));
    }

    // Nothing is buffered here: a plain flush changes nothing on disk (FlushToDisk is the step that does).
    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        // Closing a handle writes nothing: a dead process's handles close too.
        if (disposing)
            file.Dispose();
        base.Dispose(disposing);
    }
}
