namespace UltraLLaDA.Data.Formats.Ulds;

/// <summary>A <see cref="ShardWriter"/> seen through the format seam.</summary>
internal sealed class UldsShardOutput(ShardWriter writer) : IShardOutput
{
    public int RecordCount => writer.RecordCount;

    public void Append(IEncodedRecord record) =>
        writer.Append(record as EncodedRecord ?? throw new ArgumentException($"a ULDS shard takes records encoded by the ULDS encoder, not {record?.GetType().Name ?? "null"}.", nameof(record)));

    public FinishedShard Complete()
    {
        var summary = writer.Complete();
        return new FinishedShard([new ShardFile(Path.GetFileName(summary.Path!), summary.Bytes, summary.Sha256)], summary.Records, summary.Tokens);
    }

    public void Dispose() => writer.Dispose();
}
