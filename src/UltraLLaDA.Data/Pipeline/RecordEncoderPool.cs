using System.Collections.Concurrent;
using UltraLLaDA.Data.Formats;

namespace UltraLLaDA.Data.Pipeline;

/// <summary>
/// The format's encoders (e.g. each a zstd context and a scratch buffer) shared by the compression
/// tasks. An encoder handed back after the pool was disposed is disposed at once, so a task still
/// running when the job stops never finds its compressor freed under it.
/// </summary>
internal sealed class RecordEncoderPool(Func<IRecordEncoder> create) : IDisposable
{
    private readonly ConcurrentBag<IRecordEncoder> _idle = [];
    private volatile bool _disposed;

    public IRecordEncoder Rent() => _idle.TryTake(out var encoder) ? encoder : create();

    public void Return(IRecordEncoder encoder)
    {
        if (_disposed)
        {
            encoder.Dispose();
            return;
        }

        _idle.Add(encoder);
        if (_disposed)
            DisposeIdle();
    }

    public void Dispose()
    {
        _disposed = true;
        DisposeIdle();
    }

    private void DisposeIdle()
    {
        while (_idle.TryTake(out var encoder))
            encoder.Dispose();
    }
}
