using System.Runtime.InteropServices;
using System.Security.Cryptography;
using UltraLLaDA.Data.Formats.Ulds;
using UltraLLaDA.Data.Output;

namespace UltraLLaDA.Data.Tests.Support;

/// <summary>
/// The bytes a split folder's records come to, as SHA-256 hex: each shard file, the documents table,
/// and the split's tokens, segment ids and segment tables concatenated in record order. Two packs with
/// equal fingerprints wrote the same records.
/// </summary>
public sealed record PackFingerprint(SortedDictionary<string, string> Files, string Tokens, string SegmentIds, string Segments)
{
    public static PackFingerprint Of(string folder, SplitManifest manifest)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        using var tokens = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var segmentIds = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var segments = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var shard in manifest.Shards)
        {
            var path = Path.Combine(folder, shard.File);
            files[shard.File] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
            using var reader = ShardReader.Open(path);
            foreach (var record in reader.ReadAll())
            {
                tokens.AppendData(MemoryMarshal.AsBytes(record.Tokens));
                segmentIds.AppendData(MemoryMarshal.AsBytes(record.SegmentIds));
                segments.AppendData(MemoryMarshal.AsBytes(record.Segments));
            }
        }

        if (manifest.Documents is { } documents)
            files[documents] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, documents))));
        return new PackFingerprint(
            files,
            Convert.ToHexStringLower(tokens.GetHashAndReset()),
            Convert.ToHexStringLower(segmentIds.GetHashAndReset()),
            Convert.ToHexStringLower(segments.GetHashAndReset()));
    }
}
