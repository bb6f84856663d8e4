namespace UltraLLaDA.Data.Evaluation;

/// <summary>
/// The files a prompt set maker (NIAH, RULER) writes once its folder is prepared, in the order that makes the index
/// the commit point (<see cref="EvalSetFolder"/>): one ULDS shard per length as soon as its prompts are made, then
/// the rows file, then the index.
/// </summary>
/// <typeparam name="TRow">A row of the set's JSONL.</typeparam>
internal sealed class EvalPromptSetWriter<TRow>
{
    private readonly string _output;
    private readonly EvalTokenizer _stamp;
    private readonly int? _eodId;
    private readonly int _zstdLevel;
    private readonly List<TRow> _rows = [];
    private readonly List<string> _shards = [];

    /// <param name="output">The set folder.</param>
    /// <param name="stamp">The set's tokenizer, stamped in every shard.</param>
    /// <param name="eodId">The tokenizer's EOD id, recorded for readers.</param>
    /// <param name="zstdLevel">zstd level of the shards' frames.</param>
    public EvalPromptSetWriter(string output, EvalTokenizer stamp, int? eodId, int zstdLevel)
    {
        _output = output;
        _stamp = stamp;
        _eodId = eodId;
        _zstdLevel = zstdLevel;
    }

    /// <summary>The rows so far, in order.</summary>
    public IReadOnlyList<TRow> Rows => _rows;

    /// <summary>The shards written so far, relative to the set folder.</summary>
    public IReadOnlyList<string> Shards => _shards;

    /// <summary>
    /// Has <paramref name="fill"/> make the prompts of <paramref name="length"/> tokens, then writes them as the set's
    /// next shard (<c>len-L/KIND-L.ulds</c>, shard index = its position).
    /// </summary>
    public void WriteShard(string kind, int length, Action<EvalPromptShard<TRow>> fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        var prompts = new EvalPromptShard<TRow>(EvalSetFolder.ShardPath(kind, length), _rows);
        fill(prompts);
        EvalShard.Write(Path.Combine(_output, prompts.Name), _stamp, _eodId, length, _shards.Count, prompts.Records, _zstdLevel);
        _shards.Add(prompts.Name);
    }

    /// <summary>Writes the rows to <paramref name="rowsFileName"/>, then <paramref name="index"/> to <paramref name="indexFileName"/>: the index last.</summary>
    public TIndex Finish<TIndex>(string rowsFileName, string indexFileName, TIndex index)
    {
        EvalSetFolder.WriteJsonLines(Path.Combine(_output, rowsFileName), _rows);
        EvalSetFolder.WriteJson(Path.Combine(_output, indexFileName), index);
        return index;
    }
}
