namespace UltraLLaDA.Data.Pipeline;

/// <summary>What the records of the shard being written add up to, for its manifest entry.</summary>
internal sealed class ShardCounts
{
    public long PaddingTokens { get; private set; }

    public long Segments { get; private set; }

    public long CutDocuments { get; private set; }

    public void Add(EncodedPackedRecord record)
    {
        PaddingTokens += record.PaddingTokens;
        Segments += record.Segments;
        CutDocuments += record.CutDocuments;
    }
}
