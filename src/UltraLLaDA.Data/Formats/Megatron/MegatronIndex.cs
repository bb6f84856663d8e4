namespace UltraLLaDA.Data.Formats.Megatron;

/// <summary>A parsed and checked .idx: what <see cref="MegatronIndexReader"/> returns.</summary>
public sealed class MegatronIndex
{
    internal MegatronIndex(string path, MegatronDType dtype, int[] sequenceLengths, long[] sequencePointers, long[] documentIndices, long tokenCount)
    {
        FilePath = path;
        DType = dtype;
        SequenceLengths = sequenceLengths;
        SequencePointers = sequencePointers;
        DocumentIndices = documentIndices;
        TokenCount = tokenCount;
    }

    /// <summary>The .idx file.</summary>
    public string FilePath { get; }

    public MegatronDType DType { get; }

    public int SequenceCount => SequenceLengths.Count;

    /// <summary>Documents: one less than the document-index entries (the list starts with 0).</summary>
    public int DocumentCount => DocumentIndices.Count - 1;

    /// <summary>Tokens per sequence.</summary>
    public IReadOnlyList<int> SequenceLengths { get; }

    /// <summary>Byte offset of each sequence in the .bin.</summary>
    public IReadOnlyList<long> SequencePointers { get; }

    /// <summary>0, then the sequence count after each document.</summary>
    public IReadOnlyList<long> DocumentIndices { get; }

    /// <summary>Sum of the sequence lengths.</summary>
    public long TokenCount { get; }

    /// <summary>The .bin size these sizes imply.</summary>
    public long DataBytes => TokenCount * MegatronDTypes.Size(DType);
}
