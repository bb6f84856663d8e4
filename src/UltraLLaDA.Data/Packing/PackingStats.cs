namespace UltraLLaDA.Data.Packing;

/// <summary>What the packer consumed and produced. Every token that entered is either in a record or counted as dropped.</summary>
public sealed class PackingStats
{
    /// <summary>Non-empty documents packed (in part or whole).</summary>
    public long Documents { get; internal set; }

    /// <summary>Documents with no tokens: they produce no segment.</summary>
    public long EmptyDocuments { get; internal set; }

    /// <summary>Documents cut at least once across a record boundary.</summary>
    public long CutDocuments { get; internal set; }

    /// <summary>Token-stream tokens placed in records (EOD and BOS included, padding excluded).</summary>
    public long Tokens { get; internal set; }

    /// <summary>Records emitted.</summary>
    public long Records { get; internal set; }

    /// <summary>Segments emitted.</summary>
    public long Segments { get; internal set; }

    /// <summary>Pad tokens added to records (concat: the tail record only; best-fit: any record of the split).</summary>
    public long PaddingTokens { get; internal set; }

    /// <summary>
    /// Pieces beyond the fewest each document needs, summed over documents: a document's stream of L
    /// tokens needs at least ceil(L / seq_len) pieces, and every piece more is a truncation that the
    /// record layout, not the document's length, forced (Ding et al. 2024). Best-fit keeps it at 0.
    /// </summary>
    public long ExtraPieces { get; internal set; }

    /// <summary>Tokens of a tail record that the 'drop' policy discarded.</summary>
    public long DroppedTokens { get; internal set; }
}
