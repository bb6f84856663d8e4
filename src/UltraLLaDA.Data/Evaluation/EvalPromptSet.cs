namespace UltraLLaDA.Data.Evaluation;

/// <summary>
/// A prompt set folder (NIAH, RULER, LongBench) opened for evaluation: its index, its rows, and each row's prompt
/// tokens. Opening reads the index and checks its kind, reads the rows and checks their count against the index,
/// opens the shards (each in the set's tokenizer) and checks every row: its position, the set's own checks, and that
/// its record is a prompt of its length.
/// </summary>
/// <typeparam name="TIndex">The index (the set's JSON).</typeparam>
/// <typeparam name="TRow">A row of the set's JSONL.</typeparam>
public abstract class EvalPromptSet<TIndex, TRow> : IDisposable
    where TIndex : IEvalSetIndex
    where TRow : IEvalPromptRow
{
    private readonly EvalShardReaders _shards;
    private readonly bool _paddedPrompts;

    /// <summary>Opens <paramref name="folder"/> and checks that the rows and the shards agree.</summary>
    /// <param name="folder">The set folder.</param>
    /// <param name="indexFileName">The index's file name (e.g. niah.json).</param>
    /// <param name="rowsFileName">The rows' file name (e.g. niah.jsonl).</param>
    /// <param name="kindName">The index's kind.</param>
    /// <param name="title">The kind as messages name it (e.g. NIAH).</param>
    /// <param name="shards">The index's shard files; null when the index lacks them (it is then not a set index).</param>
    /// <param name="checkRow">The set's checks of a row's own fields, before its prompt is checked (throws naming the row's place, the last argument).</param>
    /// <param name="checkInPrompt">The set's checks of positions inside a row's prompt, once that prompt is known to be of the row's length.</param>
    /// <param name="paddedPrompts">A record may hold its prompt padded to the shard's seq_len (sets whose prompts differ in length).</param>
    private protected EvalPromptSet(
        string folder, string indexFileName, string rowsFileName, string kindName, string title, Func<TIndex, IEnumerable<string>?> shards,
        Action<TIndex, TRow, string>? checkRow = null, Action<TRow, string>? checkInPrompt = null, bool paddedPrompts = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(shards);
        var indexPath = Path.Combine(folder, indexFileName);
        var index = EvalSetFolder.ReadJson<TIndex>(indexPath);
        var shardFiles = index.Kind == kindName ? shards(index) : null;
        if (shardFiles is null || index.Tokenizer is null)
            throw new EvalSetException($"{indexPath}: not a {title} set index (kind '{index.Kind}')");
        var rowsPath = Path.Combine(folder, rowsFileName);
        var rows = EvalSetFolder.ReadJsonLines<TRow>(rowsPath);
        if (rows.Count != index.Records)
            throw new EvalSetException($"{rowsPath}: {rows.Count} rows, {indexPath} says {index.Records}");

        var readers = EvalShardReaders.Open(folder, shardFiles, index.Tokenizer, indexPath);
        try
        {
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                var where = $"{rowsPath}:{i + 1}";
                if (row.Index != i)
                    throw new EvalSetException($"{where}: index {row.Index}, expected {i}");
                checkRow?.Invoke(index, row, where);
                if (paddedPrompts)
                    readers.CheckPaddedPrompt(where, row.Shard, row.Record, row.Length);
                else
                    readers.CheckPrompt(where, row.Shard, row.Record, row.Length);
                checkInPrompt?.Invoke(row, where);
            }
        }
        catch
        {
            readers.Dispose();
            throw;
        }

        Folder = Path.GetFullPath(folder);
        Index = index;
        Records = rows;
        _shards = readers;
        _paddedPrompts = paddedPrompts;
    }

    /// <summary>The set folder's full path.</summary>
    public string Folder { get; }

    public TIndex Index { get; }

    /// <summary>The JSONL's rows, in order.</summary>
    public IReadOnlyList<TRow> Records { get; }

    /// <summary>The prompt tokens of <paramref name="record"/> (without any padding: exactly its length).</summary>
    public uint[] Prompt(TRow record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return _paddedPrompts ? _shards.PaddedPrompt(record.Shard, record.Record, record.Length) : _shards.Prompt(record.Shard, record.Record);
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Closes the shards.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
            _shards.Dispose();
    }
}
