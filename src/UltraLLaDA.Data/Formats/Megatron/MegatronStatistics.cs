using UltraLLaDA.Data.Inspection;

namespace UltraLLaDA.Data.Formats.Megatron;

/// <summary>Collects <see cref="MegatronInspectReport"/> over pairs: their indexes, and each sequence's last token for the EOD count.</summary>
public static class MegatronStatistics
{
    /// <summary>
    /// Reads every pair at <paramref name="prefixes"/> (in order). Throws <see cref="MegatronFormatException"/>
    /// for a damaged pair; <c>verify</c> lists every problem instead.
    /// </summary>
    public static MegatronInspectReport Collect(string target, string kind, IReadOnlyList<string> prefixes, uint? eodId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefixes);
        var pairs = new List<MegatronPairLine>();
        var lengths = new List<int>();
        string? dtype = null;
        long eodTerminated = 0, bytes = 0;
        var last = new uint[1];
        foreach (var prefix in prefixes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var dataset = MegatronDataset.Open(prefix);
            var index = dataset.Index;
            var name = MegatronDTypes.NumpyName(index.DType);
            if (dtype is not null && dtype != name)
                throw new MegatronFormatException(index.FilePath, null, $"holds {name} tokens, the pairs before it {dtype}: one split has one token dtype.");
            dtype = name;
            var indexBytes = new FileInfo(index.FilePath).Length;
            pairs.Add(new MegatronPairLine(Path.GetFullPath(prefix), index.SequenceCount, index.DocumentCount, index.TokenCount, index.DataBytes, indexBytes));
            bytes += index.DataBytes + indexBytes;
            for (var i = 0; i < index.SequenceCount; i++)
            {
                var length = index.SequenceLengths[i];
                lengths.Add(length);
                if (eodId is uint eod && length > 0 && LastToken(dataset, i, length, last) == eod)
                    eodTerminated++;
            }
        }

        var sorted = lengths.ToArray();
        Array.Sort(sorted);
        var tokens = pairs.Sum(p => p.Tokens);
        return new MegatronInspectReport
        {
            Target = target,
            Kind = kind,
            TokenDtype = dtype ?? "none",
            Pairs = pairs,
            Sequences = sorted.Length,
            Documents = pairs.Sum(p => (long)p.Documents),
            Tokens = tokens,
            SequenceLength = new Spread(sorted.Length == 0 ? 0 : sorted[0], Median(sorted), sorted.Length == 0 ? 0 : tokens / (double)sorted.Length, sorted.Length == 0 ? 0 : sorted[^1]),
            SequenceLengths = Bins(sorted),
            EodTerminated = eodId is null ? null : eodTerminated,
            EodId = eodId,
            FileBytes = bytes,
            BytesPerToken = tokens == 0 ? 0 : bytes / (double)tokens,
            DataPath = MegatronDataPath.Arguments(pairs.Select(p => (p.Tokens, p.Prefix))),
        };
    }

    /// <summary>The last token of a sequence, read alone (a 64K-token book need not be read whole to count EODs).</summary>
    private static uint LastToken(MegatronDataset dataset, int sequence, int length, uint[] scratch)
    {
        dataset.ReadRange(sequence, length - 1, scratch);
        return scratch[0];
    }

    private static double Median(int[] sorted) => sorted.Length == 0 ? 0
        : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
        : (sorted[(sorted.Length / 2) - 1] + (double)sorted[sorted.Length / 2]) / 2;

    /// <summary>Power-of-two bins [2^k, 2^(k+1) - 1] from the shortest to the longest sequence; empty sequences in a bin of their own.</summary>
    private static List<HistogramBin> Bins(int[] sorted)
    {
        var bins = new List<HistogramBin>();
        var i = 0;
        while (i < sorted.Length)
        {
            long min = sorted[i] == 0 ? 0 : 1L << (31 - int.LeadingZeroCount(sorted[i]));
            var max = min == 0 ? 0 : (min * 2) - 1;
            long count = 0, tokens = 0;
            while (i < sorted.Length && sorted[i] <= max)
            {
                count++;
                tokens += sorted[i++];
            }

            bins.Add(new HistogramBin(min, max, count, tokens));
        }

        return bins;
    }
}
