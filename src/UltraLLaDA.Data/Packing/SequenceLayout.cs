namespace UltraLLaDA.Data.Packing;

/// <summary>How documents sit inside one packed sequence, and so how a trainer must attend over it.</summary>
public enum SequenceLayout
{
    /// <summary>No EOD token; attention is confined to each segment (document-masked attention).</summary>
    Adaptive,

    /// <summary>An EOD token ends every document; full attention over the sequence.</summary>
    Eod,

    /// <summary>Plain concatenation, no EOD; full attention over the sequence.</summary>
    Direct,
}
