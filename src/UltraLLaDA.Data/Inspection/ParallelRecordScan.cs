using UltraLLaDA.Data.Formats.Ulds;

namespace UltraLLaDA.Data.Inspection;

/// <summary>
/// Reads every record of a list of shards on several threads. Shards are taken a few at a time (a window
/// of open files), each thread reuses one record buffer, and within a window threads pull the next
/// piece of work (a whole-file task, or one record) as they free up, so memory stays bounded and all
/// cores stay busy whatever the shard sizes.
/// </summary>
internal static class ParallelRecordScan
{
    /// <summary>Callbacks of one scan. They run on worker threads, concurrently.</summary>
    internal sealed class Callbacks
    {
        /// <summary>Opens file <c>i</c> for reading its records, or returns null to skip its records.</summary>
        public required Func<int, ShardReader?> Open { get; init; }

        /// <summary>Called with each record that read and checked cleanly.</summary>
        public required Action<int, ShardReader, ShardRecord> Record { get; init; }

        /// <summary>Called for each record the reader rejected.</summary>
        public required Action<int, ShardReader, int, ShardFormatException> RecordError { get; init; }

        /// <summary>Extra work per file (a whole-file hash), run alongside the records; may be null.</summary>
        public Action<int>? FileTask { get; init; }
    }

    public static void Run(int fileCount, int threads, Callbacks callbacks, CancellationToken cancellationToken)
    {
        threads = Math.Max(1, threads);
        var window = Math.Max(4, 2 * threads);
        for (var start = 0; start < fileCount; start += window)
        {
            var count = Math.Min(window, fileCount - start);
            var readers = new ShardReader?[count];
            try
            {
                Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken }, i => readers[i] = callbacks.Open(start + i));
                RunWindow(start, readers, threads, callbacks, cancellationToken);
            }
            finally
            {
                foreach (var reader in readers)
                    reader?.Dispose();
            }
        }
    }

    private static void RunWindow(int first, ShardReader?[] readers, int threads, Callbacks callbacks, CancellationToken cancellationToken)
    {
        // Work items: whole-file tasks first (the longest), then every record of every open file.
        var fileTasks = callbacks.FileTask is null ? 0 : readers.Length;
        var recordStarts = new long[readers.Length + 1];
        for (var i = 0; i < readers.Length; i++)
            recordStarts[i + 1] = recordStarts[i] + (readers[i]?.RecordCount ?? 0);
        var total = fileTasks + recordStarts[^1];
        var next = -1L;

        Parallel.For(0, (int)Math.Min(threads, Math.Max(total, 1)), new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken }, _ =>
        {
            ShardRecord? buffer = null;
            long item;
            while ((item = Interlocked.Increment(ref next)) < total)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (item < fileTasks)
                {
                    callbacks.FileTask!(first + (int)item);
                    continue;
                }

                var recordItem = item - fileTasks;
                var file = Array.BinarySearch(recordStarts, recordItem);
                file = file >= 0 ? file : ~file - 1;
                while (recordStarts[file + 1] <= recordItem)
                    file++;
                var reader = readers[file]!;
                var index = (int)(recordItem - recordStarts[file]);
                ShardRecord record;
                try
                {
                    record = reader.ReadRecord(index, buffer);
                }
                catch (ShardFormatException e)
                {
                    callbacks.RecordError(first + file, reader, index, e);
                    continue;
                }

                buffer = record;
                callbacks.Record(first + file, reader, record);
            }
        });
    }
}
