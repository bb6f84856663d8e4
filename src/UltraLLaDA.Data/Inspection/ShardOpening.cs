using System.Buffers.Binary;
using System.Security.Cryptography;
using UltraLLaDA.Data.Formats.Ulds;

namespace UltraLLaDA.Data.Inspection;

/// <summary>
/// The reading step of verify, per shard on a worker thread: open it (naming what is broken when it
/// does not open, and salvaging what can be named record by record), and hash the file for the manifest.
/// </summary>
internal static class ShardOpening
{
    /// <summary>Opens <paramref name="shard"/> for its records, or returns null after saying why it cannot be read.</summary>
    public static ShardReader? Open(VerifiedShard shard, VerificationProblems problems)
    {
        if (!File.Exists(shard.Path))
        {
            var entry = shard.ManifestEntry;
            var which = entry is null ? string.Empty : $" (records {entry.FirstRecord}..{entry.FirstRecord + entry.Records - 1} of the split, {entry.Records} records)";
            problems.Add(shard.Display, null, $"is missing{which}");
            return null;
        }

        shard.Bytes = new FileInfo(shard.Path).Length;
        ShardReader? reader;
        try
        {
            reader = ShardReader.Open(shard.Path);
        }
        catch (ShardFormatException e)
        {
            problems.Add(shard.Display, e.Record, e.Problem ?? e.Message);
            reader = e.Kind == ShardFormatError.IndexHash ? Salvage(shard, problems) : null;
            if (reader is null && e.Record is null)
            {
                foreach (var located in ShardDamage.Locate(shard.Path, shard.Display))
                    problems.Add(located);
            }

            if (reader is null)
            {
                shard.HeaderOnly = TryReadHeader(shard.Path);
                return null;
            }
        }

        shard.Header = reader.Header;
        shard.Records = new RecordSummary[reader.RecordCount];
        shard.IndexTokens = reader.Index.Sum(e => (long)e.TokenCount);
        shard.PayloadBytes = reader.Index.Sum(e => e.PayloadSize);
        return reader;
    }

    /// <summary>The SHA-256 of a listed shard, for the manifest check.</summary>
    public static void Hash(VerifiedShard shard, VerificationProblems problems)
    {
        if (shard.ManifestEntry is null || !File.Exists(shard.Path))
            return;
        try
        {
            using var stream = new FileStream(shard.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
            shard.Sha256 = Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (IOException e)
        {
            problems.Add(shard.Display, null, $"cannot be read to hash it: {e.Message}");
        }
    }

    /// <summary>The header of a shard that cannot be opened, when the header itself is intact, so it can still be compared with the manifest.</summary>
    private static ShardHeader? TryReadHeader(string path)
    {
        try
        {
            using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            var preamble = new byte[ShardFormat.PreambleSize];
            if (RandomAccess.Read(file, preamble, 0) != preamble.Length || !preamble.AsSpan(0, 8).SequenceEqual(ShardFormat.Magic))
                return null;
            var length = BinaryPrimitives.ReadUInt32LittleEndian(preamble.AsSpan(12));
            if (length > ShardFormat.MaxHeaderLength || ShardFormat.PreambleSize + (long)length > RandomAccess.GetLength(file))
                return null;
            var bytes = new byte[length];
            return RandomAccess.Read(file, bytes, ShardFormat.PreambleSize) == bytes.Length ? ShardHeaderJson.Parse(bytes, path) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>After an index hash mismatch: open without it, so the damaged entry is named by its record.</summary>
    private static ShardReader? Salvage(VerifiedShard shard, VerificationProblems problems)
    {
        try
        {
            return ShardReader.OpenIgnoringIndexHash(shard.Path);
        }
        catch (ShardFormatException e)
        {
            if (e.Record is not null)
                problems.Add(shard.Display, e.Record, $"index entry damaged: {e.Problem}");
            return null;
        }
    }
}
