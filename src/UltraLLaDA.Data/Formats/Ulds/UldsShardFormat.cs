using System.Security.Cryptography;
using UltraLLaDA.Data.Output;

namespace UltraLLaDA.Data.Formats.Ulds;

/// <summary>ULDS v1 (FORMAT.md beside this file) behind the format seam: one <c>.ulds</c> file per shard.</summary>
public sealed class UldsShardFormat : IShardFormat
{
    public static UldsShardFormat Instance { get; } = new();

    private UldsShardFormat()
    {
    }

    public string Name => "ulds";

    public FormatInput Input => FormatInput.PackedRecords;

    public IReadOnlyList<string> Extensions { get; } = [ShardFormat.Extension];

    public string PartialSuffix => ShardWriter.PartialSuffix;

    public IRecordEncoder CreateEncoder(ShardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new RecordEncoder(context.VocabSize, context.ZstdLevel);
    }

    public IShardOutput CreateWriter(string folder, string stem, int shardIndex, ShardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var header = new ShardHeader
        {
            SeqLen = context.Packing.SeqLen,
            Layout = context.Packing.Layout,
            VocabSize = context.VocabSize,
            EodId = context.Packing.EodId,
            PadId = context.Packing.PadId,
            BosId = context.Packing.BosId,
            Tokenizer = context.Tokenizer,
            ShardIndex = shardIndex,
        };
        return new UldsShardOutput(ShardWriter.Create(Path.Combine(folder, stem + ShardFormat.Extension), header, context.ZstdLevel));
    }

    public bool IsIntact(string folder, ShardEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var path = Path.Combine(folder, entry.File);
        if (!File.Exists(path))
            return false;
        using (var stream = File.OpenRead(path))
        {
            if (stream.Length != entry.Bytes || Convert.ToHexStringLower(SHA256.HashData(stream)) != entry.Sha256)
                return false;
        }

        try
        {
            using var reader = ShardReader.Open(path);
            return reader.RecordCount == entry.Records;
        }
        catch (ShardFormatException)
        {
            return false;
        }
    }
}
