namespace UltraLLaDA.Data.Pipeline;

/// <summary>
/// Bounds the bytes in flight between two points of the pipeline. A document acquires its cost when
/// it is read and releases it once the packer has consumed it, so memory stays bounded whatever the
/// corpus size and however unevenly the workers progress. One item larger than the whole budget is
/// admitted when nothing else is in flight, so a huge book slows the job down instead of stopping it.
/// </summary>
public sealed class ByteBudget
{
    private readonly object _gate = new();
    private readonly long _capacity;
    private long _inFlight;
    private TaskCompletionSource? _released;

    public ByteBudget(long capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _capacity = capacity;
    }

    public long Capacity => _capacity;

    public long InFlight
    {
        get
        {
            lock (_gate)
                return _inFlight;
        }
    }

    public async ValueTask AcquireAsync(long bytes, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        while (true)
        {
            Task wait;
            lock (_gate)
            {
                if (_inFlight == 0 || _inFlight + bytes <= _capacity)
                {
                    _inFlight += bytes;
                    return;
                }

                _released ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = _released.Task;
            }

            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void Release(long bytes)
    {
        TaskCompletionSource? released;
        lock (_gate)
        {
            _inFlight -= bytes;
            if (_inFlight < 0)
                throw new InvalidOperationException("more bytes released than acquired.");
            released = _released;
            _released = null;
        }

        released?.TrySetResult();
    }
}
