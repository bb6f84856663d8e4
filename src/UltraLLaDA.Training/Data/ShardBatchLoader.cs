using System.Threading.Channels;
using UltraLLaDA.Data.Packing;

namespace UltraLLaDA.Training.Data;

/// <summary>
/// Batches of records from a <see cref="ShardDataset"/> (any <see cref="IRecordSource"/>) in each epoch's shuffled
/// order, read and decoded on a background task into a bounded channel (prefetch). What comes out depends only on the seed and the start
/// position, never on timing, so a run resumed from a saved <see cref="TrainingBatch.Next"/> sees the very
/// batches the uninterrupted run saw. Whatever the background reader fails with, <see cref="Next"/> throws it
/// (as a <see cref="DataException"/> naming it): the channel is completed with every error, never left open.
/// </summary>
public sealed class ShardBatchLoader : IDisposable
{
    private readonly Channel<TrainingBatch> _channel;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _producer;
    private Exception? _failure;

    /// <param name="dataset">The records.</param>
    /// <param name="batchSize">Records per batch.</param>
    /// <param name="seed">Fixes every epoch's order.</param>
    /// <param name="start">Where to begin (a checkpoint's position, or the start).</param>
    /// <param name="layout">How to attend (the shards' layout unless overridden).</param>
    /// <param name="prefetch">Batches read ahead.</param>
    /// <param name="shuffle">False visits records in folder order (evaluation).</param>
    public ShardBatchLoader(IRecordSource dataset, int batchSize, ulong seed, DataPosition start, SequenceLayout layout, int prefetch = 4, bool shuffle = true)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(prefetch);
        if (start.Epoch < 0 || start.Offset < 0 || start.Offset >= dataset.Count)
            throw new DataException($"position ({start}) is outside a folder of {dataset.Count} records: are these the shards the checkpoint was trained on?");
        var order = new EpochOrder(dataset.Count, seed, shuffle);
        var builder = new BatchBuilder(dataset, layout);
        _channel = Channel.CreateBounded<TrainingBatch>(new BoundedChannelOptions(prefetch) { SingleReader = true, SingleWriter = true });
        _producer = Task.Run(() => ProduceAsync(order, builder, batchSize, start, _stop.Token));
    }

    /// <summary>The next batch (blocks until the background reader has it). Reader errors surface here.</summary>
    public TrainingBatch Next()
    {
        try
        {
            return _channel.Reader.ReadAsync().AsTask().GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is ChannelClosedException or OperationCanceledException && Volatile.Read(ref _failure) is { } failure)
        {
            // The reader's own exception, not the channel's view of it: a completion with a cancellation comes out of
            // ReadAsync as a bare TaskCanceledException, which would read as a stop instead of a failure.
            throw Surface(failure);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _producer.Wait();
        }
        catch (AggregateException e) when (e.InnerExceptions.All(x => x is OperationCanceledException))
        {
        }

        _stop.Dispose();
    }

    private async Task ProduceAsync(EpochOrder order, BatchBuilder builder, int batchSize, DataPosition start, CancellationToken token)
    {
        try
        {
            var position = start;
            var records = new long[batchSize];
            while (!token.IsCancellationRequested)
            {
                var first = position;
                for (var b = 0; b < batchSize; b++)
                {
                    records[b] = order.RecordAt(position);
                    position = order.Advance(position);
                }

                var batch = builder.Build(records, first, position);
                await _channel.Writer.WriteAsync(batch, token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // Every failure completes the channel (the dotnet/runtime idiom): one left out would block Next() for ever.
            Volatile.Write(ref _failure, e);
            _channel.Writer.TryComplete(e);
            return;
        }

        _channel.Writer.TryComplete();
    }

    private static DataException Surface(Exception error) => error is DataException data
        ? new DataException(data.Message, data)
        : new DataException($"reading shards failed: {error.GetType().Name}: {error.Message}", error);
}
