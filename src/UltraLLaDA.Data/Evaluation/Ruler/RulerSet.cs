using UltraLLaDA.Data.Formats.Ulds;

namespace UltraLLaDA.Data.Evaluation.Ruler;

/// <summary>A RULER set folder opened for evaluation: its index, its rows, and each row's prompt tokens.</summary>
public sealed class RulerSet : IDisposable
{
    private readonly Dictionary<string, ShardReader> _shards;

    private RulerSet(string folder, RulerSetIndex index, IReadOnlyList<RulerRecord> records, Dictionary<string, ShardReader> shards)
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

        var shards = new Dictionary<string, ShardReader>(StringComparer.Ordinal);
        try
        {
            foreach (var shard in index.Shards)
            {
                var reader = PplSet.OpenShard(Path.Combine(folder, shard));
                shards.Add(shard, reader);
                if (!string.Equals(reader.Header.Tokenizer.Sha256, index.Tokenizer.Sha256, StringComparison.OrdinalIgnoreCase))
                    throw new EvalSetException($"{reader.FilePath}: made with tokenizer {reader.Header.Tokenizer.Name}, {indexPath} says {index.Tokenizer.Name}");
            }

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
                if (!shards.TryGetValue(row.Shard, out var reader))
                    throw new EvalSetException($"{where}: shard {row.Shard} is not one of the set's shards");
                if (row.Record < 0 || row.Record >= reader.RecordCount || reader.Index[row.Record].TokenCount != row.Length)
                    throw new EvalSetException($"{where}: record {row.Record} of {row.Shard} is not a prompt of {row.Length} tokens");
            }

            return new RulerSet(Path.GetFullPath(folder), index, rows, shards);
        }
        catch
        {
            foreach (var reader in shards.Values)
                reader.Dispose();
            throw;
        }
    }

    /// <summary>The prompt tokens of <paramref name="record"/>.</summary>
    public uint[] Prompt(RulerRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            return _shards[record.Shard].ReadRecord(record.Record).Tokens.ToArray();
        }
        catch (ShardFormatException e)
        {
            throw new EvalSetException(e.Message, e);
        }
    }

    public void Dispose()
    {
        foreach (var reader in _shards.Values)
            reader.Dispose();
    }
}
