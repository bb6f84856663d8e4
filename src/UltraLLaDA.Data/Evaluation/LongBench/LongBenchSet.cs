namespace UltraLLaDA.Data.Evaluation.LongBench;

/// <summary>A LongBench set folder opened for evaluation: its index, its rows, and each row's prompt tokens.</summary>
public sealed class LongBenchSet : IDisposable
{
    private readonly EvalShardReaders _shards;

    private LongBenchSet(string folder, LongBenchSetIndex index, IReadOnlyList<LongBenchRecord> records, EvalShardReaders shards)
    {
        Folder = folder;
        Index = index;
        Records = records;
        _shards = shards;
    }

    public string Folder { get; }

    public LongBenchSetIndex Index { get; }

    /// <summary>longbench.jsonl's rows, in order.</summary>
    public IReadOnlyList<LongBenchRecord> Records { get; }

    /// <summary>Opens <paramref name="folder"/> and checks that the rows and the shards agree.</summary>
    public static LongBenchSet Open(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var indexPath = Path.Combine(folder, LongBenchSetIndex.FileName);
        var index = EvalSetFolder.ReadJson<LongBenchSetIndex>(indexPath);
        if (index.Kind != LongBenchSetIndex.KindName || index.Datasets is null || index.Tokenizer is null)
            throw new EvalSetException($"{indexPath}: not a LongBench set index (kind '{index.Kind}')");
        var rowsPath = Path.Combine(folder, LongBenchSetIndex.RecordsFileName);
        var rows = EvalSetFolder.ReadJsonLines<LongBenchRecord>(rowsPath);
        if (rows.Count != index.Records)
            throw new EvalSetException($"{rowsPath}: {rows.Count} rows, {indexPath} says {index.Records}");

        var shards = EvalShardReaders.Open(folder, index.Datasets.Select(d => d.Shard), index.Tokenizer, indexPath);
        try
        {
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                var where = $"{rowsPath}:{i + 1}";
                if (row.Index != i)
                    throw new EvalSetException($"{where}: index {row.Index}, expected {i}");
                if (LongBenchDatasets.Find(row.Dataset) is null)
                    throw new EvalSetException($"{where}: dataset '{row.Dataset}' is not one of LongBench's");
                if (row.Answers is not { Count: > 0 })
                    throw new EvalSetException($"{where}: no answers");
                if (row.Length > index.MaxLength)
                    throw new EvalSetException($"{where}: a prompt of {row.Length} tokens, over the set's {index.MaxLength}");
                if (row.Length < 1)
                    throw new EvalSetException($"{where}: a prompt of {row.Length} tokens");
                shards.CheckPaddedPrompt(where, row.Shard, row.Record, row.Length);
            }

            return new LongBenchSet(Path.GetFullPath(folder), index, rows, shards);
        }
        catch
        {
            shards.Dispose();
            throw;
        }
    }

    /// <summary>The prompt tokens of <paramref name="record"/> (its shard record without the padding), exactly <see cref="LongBenchRecord.Length"/> long.</summary>
    public uint[] Prompt(LongBenchRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return _shards.PaddedPrompt(record.Shard, record.Record, record.Length);
    }

    public void Dispose() => _shards.Dispose();
}
