using UltraLLaDA.Data.Formats.Ulds;
using UltraLLaDA.Training.Data;
using UltraLLaDA.Training.Tests.Support;

namespace UltraLLaDA.Training.Tests.Data;

/// <summary>
/// Issue 11, item 8: whatever the loader's background reader fails with, Next() throws it instead of blocking for
/// ever. The faults are injected by a record source that fails at one record, mid-epoch, with exception types the
/// loader used to let escape (it completed its channel only for four types).
/// </summary>
public sealed class LoaderFaultTests : IClassFixture<PackedSample>
{
    /// <summary>Longer than any healthy Next() takes; a hang fails the test here instead of stalling the run.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private readonly PackedSample _sample;

    public LoaderFaultTests(PackedSample sample) => _sample = sample;

    public static TheoryData<string> Faults => new() { "custom", "not-supported", "null-reference", "foreign-cancellation" };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_reader_failure_of_any_type_surfaces_from_Next_naming_it(string fault)
    {
        using var dataset = ShardDataset.Open(_sample.Folder);
        var injected = Make(fault);
        var source = new FailingSource(dataset, failAt: 5, injected);
        using var loader = new ShardBatchLoader(source, 2, 1, DataPosition.Start, dataset.Layout, prefetch: 2, shuffle: false);

        // Records 0..3 are whole: two batches come out before the failing one.
        await NextWithin(loader);
        await NextWithin(loader);
        var error = await Assert.ThrowsAsync<DataException>(() => NextWithin(loader));
        Assert.Same(injected, error.InnerException);
        Assert.Contains(injected.GetType().Name, error.Message, StringComparison.Ordinal);
        Assert.Contains(injected.Message, error.Message, StringComparison.Ordinal);

        // It stays stopped: no later batch slips past the failed record, and it still does not block.
        await Assert.ThrowsAnyAsync<Exception>(() => NextWithin(loader));
    }

    [Fact]
    public async Task A_data_error_keeps_its_own_message()
    {
        using var dataset = ShardDataset.Open(_sample.Folder);
        var injected = new DataException("/data/train-00000.ulds: record 1: the disk went away");
        using var loader = new ShardBatchLoader(new FailingSource(dataset, failAt: 1, injected), 2, 1, DataPosition.Start, dataset.Layout, prefetch: 2, shuffle: false);
        var error = await Assert.ThrowsAsync<DataException>(() => NextWithin(loader));
        Assert.Equal(injected.Message, error.Message);
        Assert.Same(injected, error.InnerException);
    }

    [Fact]
    public async Task Disposing_a_loader_whose_reader_failed_does_not_throw()
    {
        using var dataset = ShardDataset.Open(_sample.Folder);
        var loader = new ShardBatchLoader(new FailingSource(dataset, failAt: 0, new InjectedFault("at once")), 2, 1, DataPosition.Start, dataset.Layout, prefetch: 2, shuffle: false);
        await Assert.ThrowsAsync<DataException>(() => NextWithin(loader));
        loader.Dispose();
    }

    private static Task<TrainingBatch> NextWithin(ShardBatchLoader loader) => Task.Run(loader.Next).WaitAsync(Limit);

    private static Exception Make(string fault) => fault switch
    {
        "custom" => new InjectedFault("the decoder's scratch buffer went missing"),
        "not-supported" => new NotSupportedException("this record's codec is not supported"),
        "null-reference" => new NullReferenceException("a bug in a record reader"),
        _ => new OperationCanceledException("a timeout inside a reader, not a stop of the loader"),
    };

    /// <summary>An exception type no code path in the loader knows.</summary>
    private sealed class InjectedFault(string message) : Exception(message);

    /// <summary>The dataset's records, except that reading record <c>failAt</c> throws <c>fault</c>.</summary>
    private sealed class FailingSource(ShardDataset dataset, long failAt, Exception fault) : IRecordSource
    {
        public ShardHeader Header => dataset.Header;

        public DataRequirements Requirements => dataset.Requirements;

        public long Count => dataset.Count;

        public ShardRecord Read(long index, ShardRecord? reuse = null) =>
            index == failAt ? throw fault : dataset.Read(index, reuse);
    }
}
