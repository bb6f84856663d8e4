namespace UltraLLaDA.Data.Formats.Ulds;

/// <summary>One 32-byte index entry: where a record's zstd frame lies and what it must decompress to.</summary>
/// <param name="Offset">File offset of the record's zstd frame.</param>
/// <param name="CompressedLength">Frame length in bytes.</param>
/// <param name="TokenCount">Tokens in the record, padding included.</param>
/// <param name="SegmentCount">Segments in the record.</param>
/// <param name="Flags">Bit 0: padded tail; other bits are 0.</param>
/// <param name="Hash">XXH64 (seed 0) of the decompressed payload.</param>
public readonly record struct IndexEntry(ulong Offset, uint CompressedLength, uint TokenCount, uint SegmentCount, uint Flags, ulong Hash)
{
    public bool IsPadded => (Flags & ShardFormat.PaddedFlag) != 0;

    public long PayloadSize => ShardFormat.PayloadSize(TokenCount, SegmentCount);
}
