namespace UltraLLaDA.Data.Evaluation;

/// <summary>A NIAH set folder opened for evaluation: its index, its rows, and each row's prompt tokens.</summary>
public sealed class NiahSet : IDisposable
{
    private readonly EvalShardReaders _shards;

    private NiahSet(string folder, NiahSetIndex index, IReadOnlyList<NiahRecord> records, EvalShardReaders shards)
    {
        Folder = folder;
        Index = index;
        Records = records;
        _shards = shards;
    }

    public string Folder { get; }

    public NiahSetIndex Index { get; }

    /// <summary>niah.jsonl's rows, in order.</summary>
    public IReadOnlyList<NiahRecord> Records { get; }

    /// <summary>Opens <paramref name="folder"/> and checks that the rows and the shards agree.</summary>
    public static NiahSet Open(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var indexPath = Path.Combine(folder, NiahSetIndex.FileName);
        var index = EvalSetFolder.ReadJson<NiahSetIndex>(indexPath);
        if (index.Kind != NiahSetIndex.KindName || index.Shards is null || index.Tokenizer is null)
            throw new EvalSetException($"{indexPath}: not a NIAH set index (kind '{index.Kind}')");
        var rowsPath = Path.Combine(folder, NiahSetIndex.RecordsFileName);
        var rows = EvalSetFolder.ReadJsonLines<NiahRecord>(rowsPath);
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
                shards.CheckPrompt(where, row.Shard, row.Record, row.Length);
                if (row.NeedleStart < 0 || row.NeedleEnd <= row.NeedleStart || row.NeedleEnd > row.QuestionStart || row.QuestionStart > row.Length)
                    throw new EvalSetException($"{where}: needle [{row.NeedleStart}, {row.NeedleEnd}) and question start {row.QuestionStart} do not fit a prompt of {row.Length} tokens");
            }

            return new NiahSet(Path.GetFullPath(folder), index, rows, shards);
        }
        catch
        {
            shards.Dispose();
            throw;
        }
    }

    /// <summary>The prompt tokens of <paramref name="record"/>.</summary>
    public uint[] Prompt(NiahRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return _shards.Prompt(record.Shard, record.Record);
    }

    public void Dispose() => _shards.Dispose();
}
