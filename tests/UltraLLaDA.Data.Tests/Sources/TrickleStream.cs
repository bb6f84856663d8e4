namespace UltraLLaDA.Data.Tests.Sources;

/// <summary>A read-only stream over bytes that returns at most a few bytes per read, as decompressors and pipes
/// may, so that readers are tested on lines, BOMs and line ends split across reads.</summary>
internal sealed class TrickleStream(byte[] bytes, int maxRead) : Stream
{
    private int _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => bytes.Length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        int n = Math.Min(Math.Min(count, maxRead), bytes.Length - _position);
        bytes.AsSpan(_position, n).CopyTo(buffer.AsSpan(offset));
        _position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
