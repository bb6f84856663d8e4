using System.Runtime.CompilerServices;

namespace UltraLLaDA.Data.Sources;

/// <summary>
/// What every layout shares: walking the split's files in order, keeping split-wide ordinals across files this
/// partition does not read (by counting their documents), and passing over what lies before the start ordinal.
/// A layout supplies how to count a file's documents cheaply and how to read them.
/// </summary>
internal abstract class FileDocumentSource : IDocumentSource
{
    protected FileDocumentSource(string inputPath, string split, SourceLayout layout, IReadOnlyList<SourceFile> files, PartitionSpec partition)
    {
        InputPath = inputPath;
        Split = split;
        Layout = layout;
        Files = files;
        Partition = partition;
    }

    public string InputPath { get; }

    public string Split { get; }

    public SourceLayout Layout { get; }

    public PartitionSpec Partition { get; }

    public IReadOnlyList<SourceFile> Files { get; }

    public SourceStats Stats { get; } = new();

    public IAsyncEnumerator<SourceDocument> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        ReadAsync(0, cancellationToken).GetAsyncEnumerator();

    public async IAsyncEnumerable<SourceDocument> ReadAsync(long startOrdinal = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(startOrdinal);
        int lastFile = LastFileOfPartition();
        long firstOrdinal = 0; // ordinal of the current file's first document in the whole split
        for (int index = 0; index <= lastFile; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var file = Files[index];
            if (!Partition.IncludesFile(index))
            {
                firstOrdinal += await CountDocumentsAsync(file, cancellationToken).ConfigureAwait(false);
                Stats.AddFileCounted();
                continue;
            }

            long? knownCount = null;
            if (firstOrdinal < startOrdinal)
            {
                long count = await CountDocumentsAsync(file, cancellationToken).ConfigureAwait(false);
                knownCount = count;
                long before = Math.Min(count, startOrdinal - firstOrdinal);
                Stats.AddSkippedBeforeStart(before);
                if (before == count)
                {
                    firstOrdinal += count;
                    Stats.AddFileCounted();
                    continue;
                }
            }

            Stats.AddFileRead();
            long nextOrdinal = Math.Max(firstOrdinal, startOrdinal);
            await foreach (var document in ReadFileAsync(file, firstOrdinal, startOrdinal, cancellationToken).ConfigureAwait(false))
            {
                if (document.Ordinal != nextOrdinal)
                    throw new InvalidOperationException($"{file.FullPath}: document ordinal {document.Ordinal} where {nextOrdinal} was due");
                nextOrdinal++;
                cancellationToken.ThrowIfCancellationRequested(); // a row group's documents come without I/O between them
                Stats.AddDocument(document.Text);
                yield return document;
            }

            long read = nextOrdinal - firstOrdinal;
            if (knownCount is { } expected && expected != read)
            {
                throw new SourceDataException(file.FullPath, null,
                    $"counted {expected} documents but read {read}; did the file change during the run?");
            }

            firstOrdinal += read;
        }
    }

    public async ValueTask<long> CountDocumentsAsync(CancellationToken cancellationToken = default)
    {
        long total = 0;
        foreach (var file in Files)
            total += await CountDocumentsAsync(file, cancellationToken).ConfigureAwait(false);
        return total;
    }

    /// <summary>Number of documents in <paramref name="file"/>, without decoding texts where the layout allows.
    /// Must agree with what <see cref="ReadFileAsync"/> yields for the same file.</summary>
    protected abstract ValueTask<long> CountDocumentsAsync(SourceFile file, CancellationToken cancellationToken);

    /// <summary>Yields the documents of <paramref name="file"/> whose ordinal is at least <paramref name="startOrdinal"/>,
    /// numbering them from <paramref name="firstOrdinal"/>; the layout passes over earlier ones as cheaply as it can.
    /// Leading U+FEFF removal and repair counts are the layout's job; null/empty counts are done here.</summary>
    protected abstract IAsyncEnumerable<SourceDocument> ReadFileAsync(
        SourceFile file, long firstOrdinal, long startOrdinal, CancellationToken cancellationToken);

    private int LastFileOfPartition()
    {
        // Files after the partition's last one need not even be counted.
        for (int index = Files.Count - 1; index >= 0; index--)
        {
            if (Partition.IncludesFile(index))
                return index;
        }

        return -1;
    }
}
