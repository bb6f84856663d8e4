using System.Globalization;

namespace UltraLLaDA.Data.Sources;

/// <summary>
/// Which input files one job of a partitioned run reads: job <see cref="Index"/> of <see cref="Count"/> reads
/// every file whose index in the split's ordinal-sorted file list satisfies <c>fileIndex % Count == Index</c>.
/// Document ordinals stay those of the whole split, so the jobs' outputs can be merged by ordinal.
/// </summary>
public sealed record PartitionSpec
{
    /// <summary>Creates the partition <paramref name="index"/> of <paramref name="count"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When not 0 &lt;= index &lt; count.</exception>
    public PartitionSpec(int index, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
        Index = index;
        Count = count;
    }

    /// <summary>The one partition that reads everything (0/1).</summary>
    public static PartitionSpec Whole { get; } = new(0, 1);

    /// <summary>0-based index of this job.</summary>
    public int Index { get; }

    /// <summary>Number of jobs the files are dealt to.</summary>
    public int Count { get; }

    /// <summary>Whether this job reads the file at <paramref name="fileIndex"/> of the split's file list.</summary>
    public bool IncludesFile(int fileIndex) => fileIndex % Count == Index;

    /// <summary>Parses "I/N" (e.g. "0/4"), with 0 &lt;= I &lt; N.</summary>
    /// <exception cref="FormatException">When the text is not of that form or the numbers are out of range; the message says which.</exception>
    public static PartitionSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0
            || !int.TryParse(text.AsSpan(0, slash).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            || !int.TryParse(text.AsSpan(slash + 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int count))
        {
            throw new FormatException($"partition '{text}' is not of the form I/N with whole numbers, e.g. 0/4");
        }

        if (count < 1)
            throw new FormatException($"partition '{text}': the number of partitions N must be at least 1");
        if (index >= count)
            throw new FormatException($"partition '{text}': the index I must be in 0..{count - 1}");
        return new PartitionSpec(index, count);
    }

    /// <summary>Formats as "I/N", the form <see cref="Parse"/> reads.</summary>
    public override string ToString() => $"{Index}/{Count}";
}
