namespace UltraLLaDA.Data.Formats.Megatron;

/// <summary>A <see cref="MegatronWriter"/> seen through the format seam: each record is one document and one sequence.</summary>
internal sealed class MegatronShardOutput(MegatronWriter writer) : IShardOutput
{
    public int RecordCount => writer.DocumentCount;

    public void Append(IEncodedRecord record)
    {
        var document = record as MegatronEncodedRecord ?? throw new ArgumentException($"a Megatron pair takes records encoded by the Megatron encoder, not {record?.GetType().Name ?? "null"}.", nameof(record));
        writer.AddDocument(document.Tokens);
    }

    public FinishedShard Complete()
    {
        var summary = writer.Complete();
        return new FinishedShard(
            [
                new ShardFile(Path.GetFileName(summary.Data.Path), summary.Data.Bytes, summary.Data.Sha256),
                new ShardFile(Path.GetFileName(summary.Index.Path), summary.Index.Bytes, summary.Index.Sha256),
            ],
            (int)summary.Documents,
            summary.Tokens);
    }

    public void Dispose() => writer.Dispose();
}
