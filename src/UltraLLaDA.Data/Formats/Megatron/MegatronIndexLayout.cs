namespace UltraLLaDA.Data.Formats.Megatron;

/// <summary>
/// The fixed parts of Megatron-core's IndexedDataset files (<c>megatron/core/datasets/indexed_dataset.py</c>):
/// <code>
/// .idx: "MMIDIDX\0\0" (9) | u64 version = 1 | u8 dtype code | u64 sequence_count | u64 document_count
///       | int32 sequence_lengths[sequence_count] | int64 sequence_pointers[sequence_count]
///       | int64 document_indices[document_count]
/// .bin: the tokens of every sequence back to back, in the dtype, little-endian
/// </code>
/// <c>document_indices</c> starts at 0 and holds, after each document, the number of sequences written
/// so far, so it has one entry more than there are documents and ends at the sequence count.
/// </summary>
public static class MegatronIndexLayout
{
    /// <summary>Version field Megatron writes and accepts.</summary>
    public const ulong Version = 1;

    /// <summary>Bytes before the sequence lengths: magic (9), version (8), dtype (1), two counts (8 + 8).</summary>
    public const int HeaderSize = 34;

    /// <summary>Extension of the index file.</summary>
    public const string IndexExtension = ".idx";

    /// <summary>Extension of the token file.</summary>
    public const string DataExtension = ".bin";

    /// <summary>The 9-byte magic at the start of the .idx.</summary>
    public static ReadOnlySpan<byte> Magic => "MMIDIDX\0\0"u8;

    /// <summary>The .idx path of a dataset prefix (Megatron's <c>get_idx_path</c>).</summary>
    public static string IndexPath(string prefix) => prefix + IndexExtension;

    /// <summary>The .bin path of a dataset prefix (Megatron's <c>get_bin_path</c>).</summary>
    public static string DataPath(string prefix) => prefix + DataExtension;

    /// <summary>Size of an .idx holding <paramref name="sequences"/> sequences and <paramref name="documentEntries"/> document-index entries.</summary>
    public static long IndexSize(long sequences, long documentEntries) => HeaderSize + (sequences * (sizeof(int) + sizeof(long))) + (documentEntries * sizeof(long));
}
