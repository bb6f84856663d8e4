namespace UltraLLaDA.Data.Formats.Ulds;

/// <summary>The fixed numbers of ULDS v1 (see FORMAT.md beside this file).</summary>
public static class ShardFormat
{
    /// <summary>File magic at offset 0.</summary>
    public static ReadOnlySpan<byte> Magic => "ULDSHRD1"u8;

    /// <summary>Magic closing the footer, the last 8 bytes of the file.</summary>
    public static ReadOnlySpan<byte> EndMagic => "ULDSEND1"u8;

    public const uint Version = 1;

    /// <summary>magic (8) + version (4) + header length (4).</summary>
    public const int PreambleSize = 16;

    public const int IndexEntrySize = 32;

    public const int FooterSize = 32;

    /// <summary>Index flag bit 0: the record is a padded tail.</summary>
    public const uint PaddedFlag = 1;

    /// <summary>The file name extension of a shard.</summary>
    public const string Extension = ".ulds";

    /// <summary>Header JSON larger than this is refused as corrupt rather than allocated.</summary>
    public const int MaxHeaderLength = 1 << 20;

    /// <summary>Bytes a record of <paramref name="tokens"/> tokens and <paramref name="segments"/> segments decompresses to.</summary>
    public static long PayloadSize(long tokens, long segments) => (8 * tokens) + (16 * segments);
}
