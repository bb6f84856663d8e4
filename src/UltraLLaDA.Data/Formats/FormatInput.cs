namespace UltraLLaDA.Data.Formats;

/// <summary>What a format takes from the packing stage.</summary>
public enum FormatInput
{
    /// <summary>Records of seq_len tokens as the chosen packing strategy fills them (ULDS).</summary>
    PackedRecords,

    /// <summary>
    /// One document per sequence, unpacked: each record is one document's whole token stream (EOD
    /// appended in layout eod), variable length, one segment, no padding. The job then uses the
    /// <c>documents</c> strategy whatever strategy was asked for (e.g. Megatron IndexedDataset).
    /// </summary>
    Documents,
}
