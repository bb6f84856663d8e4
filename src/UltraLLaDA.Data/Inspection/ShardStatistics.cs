using System.Numerics;
using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Formats.Ulds;

namespace UltraLLaDA.Data.Inspection;

/// <summary>Reads every record of a target (in parallel) and sums up what <c>inspect</c> shows.</summary>
public static class ShardStatistics
{
    /// <summary>Power-of-two bins 1, 2-3, 4-7, ... up to 2^32.</summary>
    private const int Bins = 33;

    /// <summary>Collects the report; a shard that breaks the format throws <see cref="ShardFormatException"/>.</summary>
    public static InspectReport Collect(InspectionTarget target, int threads = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Shards.Count == 0)
            throw new InspectionInputException($"{target.Folder}: {target.Name} holds no shards.");
        threads = threads > 0 ? threads : Environment.ProcessorCount;

        var readers = new List<ShardReader>();
        try
        {
            foreach (var path in target.Shards)
                readers.Add(ShardReader.Open(path));
            return Collect(target, readers, threads, cancellationToken);
        }
        finally
        {
            foreach (var reader in readers)
                reader.Dispose();
        }
    }

    private static InspectReport Collect(InspectionTarget target, List<ShardReader> readers, int threads, CancellationToken cancellationToken)
    {
        var header = readers[0].Header;
        var recordStarts = new int[readers.Count + 1];
        for (var i = 0; i < readers.Count; i++)
            recordStarts[i + 1] = recordStarts[i] + readers[i].RecordCount;
        var totalRecords = recordStarts[^1];
        var segmentsPerRecord = new int[totalRecords];
        var firstDoc = new ulong[totalRecords];
        var lastDoc = new ulong[totalRecords];
        var bins = new long[Bins];
        var lengths = new long[header.SeqLen + 1];
        var binTokens = new long[Bins];
        long continuation = 0, minSegment = long.MaxValue, maxSegment = 0, unpadded = 0;
        var gate = new object();
        ShardFormatException? failure = null;

        ParallelRecordScan.Run(readers.Count, threads, new ParallelRecordScan.Callbacks
        {
            Open = i => readers[i],
            Record = (i, _, record) =>
            {
                var global = recordStarts[i] + record.Index;
                var segments = record.Segments;
                segmentsPerRecord[global] = segments.Length;
                if (segments.Length > 0)
                {
                    firstDoc[global] = segments[0].Doc;
                    lastDoc[global] = segments[^1].Doc;
                }

                Span<long> localBins = stackalloc long[Bins];
                Span<long> localTokens = stackalloc long[Bins];
                long localMin = long.MaxValue, localMax = 0, localContinuation = 0;
                foreach (var s in segments)
                {
                    var bin = BitOperations.Log2(Math.Max(s.Length, 1u));
                    localBins[bin]++;
                    localTokens[bin] += s.Length;
                    localMin = Math.Min(localMin, s.Length);
                    localMax = Math.Max(localMax, s.Length);
                    if (s.IsContinuation)
                        localContinuation++;
                }

                lock (gate)
                {
                    for (var b = 0; b < Bins; b++)
                    {
                        bins[b] += localBins[b];
                        binTokens[b] += localTokens[b];
                    }

                    foreach (var s in segments)
                        lengths[s.Length]++;
                    minSegment = Math.Min(minSegment, localMin);
                    maxSegment = Math.Max(maxSegment, localMax);
                    continuation += localContinuation;
                    unpadded += record.UnpaddedCount;
                }
            },
            RecordError = (_, _, _, e) => Interlocked.CompareExchange(ref failure, e, null),
        }, cancellationToken);

        if (failure is not null)
            throw failure;

        // Documents: segments of one document follow each other, so a record whose first segment is the
        // previous record's last document shares it.
        long segments = segmentsPerRecord.Sum(s => (long)s), cut = 0;
        long shared = 0;
        for (var r = 1; r < totalRecords; r++)
        {
            if (!Shares(r))
                continue;
            shared++;
            if (!(Shares(r - 1) && firstDoc[r - 1] == firstDoc[r]))
                cut++;
        }

        bool Shares(int r) => r > 0 && segmentsPerRecord[r] > 0 && segmentsPerRecord[r - 1] > 0 && firstDoc[r] == lastDoc[r - 1];

        var index = readers.SelectMany(r => r.Index).ToList();
        var tokens = index.Sum(e => (long)e.TokenCount);
        var fileBytes = readers.Sum(r => r.Length);
        var compressed = index.Sum(e => (long)e.CompressedLength);
        var payload = index.Sum(e => e.PayloadSize);
        var sorted = segmentsPerRecord.Order().ToArray();
        var firstBin = Array.FindIndex(bins, c => c > 0);
        var lastBin = Array.FindLastIndex(bins, c => c > 0);
        var histogram = firstBin < 0
            ? []
            : Enumerable.Range(firstBin, lastBin - firstBin + 1).Select(b => new HistogramBin(1L << b, Math.Min((1L << (b + 1)) - 1, header.SeqLen), bins[b], binTokens[b])).ToList();

        return new InspectReport
        {
            Target = target.IsSingleShard ? target.Shards[0] : target.Name,
            Kind = target.IsSingleShard ? "shard" : "split",
            Header = new HeaderSummary(
                header.Layout.ToWireName(),
                header.SeqLen,
                header.TokenDtype,
                header.VocabSize,
                header.EodId,
                header.PadId,
                header.BosId,
                header.Tokenizer.Name,
                header.Tokenizer.Sha256),
            Shards = readers.Select(r => new ShardLine(Path.GetFileName(r.FilePath), r.Header.ShardIndex, r.RecordCount, r.Index.Sum(e => (long)e.TokenCount), r.Length)).ToList(),
            Records = totalRecords,
            Tokens = tokens,
            DocumentTokens = unpadded,
            PaddingTokens = tokens - unpadded,
            PaddedRecords = index.Count(e => e.IsPadded),
            ShortRecords = index.Count(e => e.TokenCount < header.SeqLen),
            Fill = totalRecords == 0 ? 0 : unpadded / ((double)totalRecords * header.SeqLen),
            Segments = segments,
            Documents = segments - shared,
            CutDocuments = cut,
            ContinuationSegments = continuation,
            SegmentsPerRecord = new Spread(sorted.Length == 0 ? 0 : sorted[0], Median(sorted), totalRecords == 0 ? 0 : segments / (double)totalRecords, sorted.Length == 0 ? 0 : sorted[^1]),
            SegmentLength = new Spread(segments == 0 ? 0 : minSegment, MedianOfCounts(lengths, segments), segments == 0 ? 0 : unpadded / (double)segments, maxSegment),
            SegmentLengths = histogram,
            FileBytes = fileBytes,
            CompressedBytes = compressed,
            PayloadBytes = payload,
            CompressionRatio = compressed == 0 ? 0 : payload / (double)compressed,
            BytesPerToken = tokens == 0 ? 0 : fileBytes / (double)tokens,
            DocumentTable = target.DocumentsPath is { } documents ? SummarizeDocuments(documents) : null,
            Manifest = target.Manifest is { } m
                ? new ManifestSummary(Path.GetFileName(target.ManifestPath!), m.Complete, m.Config.Tail, m.Config.RecordsPerShard, m.Config.ZstdLevel, m.Input, m.Totals?.DroppedTokens, m.Totals?.Fill)
                : null,
        };
    }

    private static double Median(int[] sorted) =>
        sorted.Length == 0 ? 0 : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2.0;

    /// <summary>The median of values given as a count per value.</summary>
    private static double MedianOfCounts(long[] counts, long total)
    {
        if (total == 0)
            return 0;
        var lower = ValueAtRank(counts, (total - 1) / 2);
        var upper = ValueAtRank(counts, total / 2);
        return (lower + upper) / 2.0;
    }

    private static long ValueAtRank(long[] counts, long rank)
    {
        long seen = 0;
        for (var v = 0; v < counts.Length; v++)
        {
            seen += counts[v];
            if (seen > rank)
                return v;
        }

        return counts.Length - 1;
    }

    private static DocumentTableSummary SummarizeDocuments(string path)
    {
        var catalog = DocumentCatalog.Read(path);
        return new DocumentTableSummary(
            Path.GetFileName(path),
            catalog.Count,
            catalog.Entries.Count(e => e.Tokens == 0),
            catalog.Entries.Count(e => e.Skipped == "null"),
            catalog.TotalTokens);
    }
}
