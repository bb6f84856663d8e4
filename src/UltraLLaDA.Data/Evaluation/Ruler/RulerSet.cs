namespace UltraLLaDA.Data.Evaluation.Ruler;

/// <summary>A RULER set folder opened for evaluation: its index, its rows, and each row's prompt tokens.</summary>
public sealed class RulerSet : IDisposable
{
    private readonly EvalShardReaders _shards;

    private RulerSet(string folder, RulerSetIndex index, IReadOnlyList<RulerRecord> records, EvalShardReaders shards)
    {
        Folder = folder;
        Index = index;
        Records = records;
        _shards = shards;
    }

    public string Folder { get; }

    public RulerSetIndex Index { get; }

    /// <summary>ruler.jsonl's rows, in order.</summary>
    public IReadOnlyList<RulerRecord> Records { get; }

    /// <summary>Opens <paramref name="folder"/> and checks that the rows and the shards agree.</summary>
    public static RulerSet Open(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var indexPath = Path.Combine(folder, RulerSetIndex.FileName);
        var index = EvalSetFolder.ReadJson<RulerSetIndex>(indexPath);
        if (index.Kind != RulerSetIndex.KindName || index.Shards is null || index.Tokenizer is null)
            throw new EvalSetException($"{indexPath}: not a RULER set index (kind '{index.Kind}')");
        var rowsPath = Path.Combine(folder, RulerSetIndex.RecordsFileName);
        var rows = EvalSetFolder.ReadJsonLines<RulerRecord>(rowsPath);
        if (rows.Count != index.Records)
            throw new EvalSetException($"{rowsPath}: {rows.Count} rows, {indexPath} says {index.Records}");

        var shards = EvalShardReaders.Open(folder, index.Shards, index.Tokenizer, indexPath);
        try
        {
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                var where = $"{rowsPath}:{i + 1}";
                if (row.Index != i)
                    throw new EvalSetException($"{where}: index {row.Index}, expected {i}");
                if (RulerTasks.Find(row.Task) is null)
                    throw new EvalSetException($"{where}: task '{row.Task}' is not one of RULER's");
                if (row.Answers is not { Count: > 0 })
                    throw new EvalSetException($"{where}: no answers");
                shards.CheckPrompt(where, row.Shard, row.Record, row.Length);
            }

            return new RulerSet(Path.GetFullPath(folder), index, rows, shards);
        }
        catch
        {
            shards.Dispose();
            throw;
        }
    }

    /// <summary>The prompt tokens of <paramref name="record"/>.</summary>
    public uint[] Prompt(RulerRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return _shards.Prompt(record.Shard, record.Record);
    }

    public void Dispose() => _shards.Dispose();
}
