using System.Text.Json.Serialization;
using UltraLLaDA.Data.Formats;

namespace UltraLLaDA.Data.Output;

/// <summary>One finished shard as the manifest lists it.</summary>
/// <param name="File">File name of the shard's main file, relative to the split folder.</param>
/// <param name="Records">Records in the shard.</param>
/// <param name="Tokens">Tokens in the shard, padding included.</param>
/// <param name="Bytes">Size of the main file.</param>
/// <param name="Sha256">SHA-256 of the main file.</param>
/// <param name="FirstRecord">Index in the split (or partition) of the shard's first record.</param>
/// <param name="NextDoc">Document ordinal where the record after this shard begins (the packing strategy's resume point).</param>
/// <param name="NextOffset">Offset in that document's token stream where it begins.</param>
public sealed record ShardEntry(string File, int Records, long Tokens, long Bytes, string Sha256, long FirstRecord, long NextDoc, long NextOffset)
{
    /// <summary>The shard's other files, for a format that writes several per shard (e.g. <c>.idx</c> beside <c>.bin</c>); null for one file.</summary>
    public IReadOnlyList<ShardFile>? Companions { get; init; }

    /// <summary>Pad tokens in the shard's records, so the split's totals need not re-read any shard (also after a resume).</summary>
    public long PaddingTokens { get; init; }

    /// <summary>Segments (document pieces) in the shard's records.</summary>
    public long Segments { get; init; }

    /// <summary>Documents cut into more than one piece whose piece that ends the document lies in this shard (each cut document is counted in one shard).</summary>
    public long CutDocuments { get; init; }

    /// <summary>Every file of the shard, the main one first.</summary>
    [JsonIgnore]
    public IEnumerable<ShardFile> AllFiles => Companions is null ? [new ShardFile(File, Bytes, Sha256)] : [new ShardFile(File, Bytes, Sha256), .. Companions];
}
