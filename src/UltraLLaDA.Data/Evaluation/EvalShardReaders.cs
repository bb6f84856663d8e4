using UltraLLaDA.Data.Formats.Ulds;

namespace UltraLLaDA.Data.Evaluation;

/// <summary>The shards of an opened prompt set (NIAH, RULER, LongBench), checked against the set's tokenizer, and the prompts read from them.</summary>
internal sealed class EvalShardReaders : IDisposable
{
    private readonly Dictionary<string, ShardReader> _shards = new(StringComparer.Ordinal);

    /// <summary>Opens every shard of <paramref name="shards"/> (relative to <paramref name="folder"/>); each must be in <paramref name="tokenizer"/>.</summary>
    public static EvalShardReaders Open(string folder, IEnumerable<string> shards, EvalTokenizer tokenizer, string indexPath)
    {
        var readers = new EvalShardReaders();
        try
        {
            foreach (var shard in shards)
            {
                var reader = PplSet.OpenShard(Path.Combine(folder, shard));
                readers._shards.Add(shard, reader);
                if (!string.Equals(reader.Header.Tokenizer.Sha256, tokenizer.Sha256, StringComparison.OrdinalIgnoreCase))
                    throw new EvalSetException($"{reader.FilePath}: made with tokenizer {reader.Header.Tokenizer.Name}, {indexPath} says {tokenizer.Name}");
            }

            return readers;
        }
        catch
        {
            readers.Dispose();
            throw;
        }
    }

    /// <summary>Throws, naming <paramref name="where"/>, unless record <paramref name="record"/> of <paramref name="shard"/> is a prompt of <paramref name="length"/> tokens.</summary>
    public void CheckPrompt(string where, string shard, int record, int length)
    {
        if (!_shards.TryGetValue(shard, out var reader))
            throw new EvalSetException($"{where}: shard {shard} is not one of the set's shards");
        if (record < 0 || record >= reader.RecordCount || reader.Index[record].TokenCount != length)
            throw new EvalSetException($"{where}: record {record} of {shard} is not a prompt of {length} tokens");
    }

    /// <summary>
    /// Throws, naming <paramref name="where"/>, unless record <paramref name="record"/> of <paramref name="shard"/> holds
    /// a prompt of <paramref name="length"/> tokens: either exactly that long, or (LongBench's shards, whose prompts
    /// differ in length) padded to the shard's seq_len. The prompt's own length is checked when it is read.
    /// </summary>
    public void CheckPaddedPrompt(string where, string shard, int record, int length)
    {
        if (!_shards.TryGetValue(shard, out var reader))
            throw new EvalSetException($"{where}: shard {shard} is not one of the set's shards");
        var entry = record >= 0 && record < reader.RecordCount ? reader.Index[record] : default;
        var whole = entry.TokenCount == length && !entry.IsPadded;
        var padded = entry.IsPadded && entry.TokenCount == reader.Header.SeqLen && length < reader.Header.SeqLen;
        if (record < 0 || record >= reader.RecordCount || !(whole || padded))
            throw new EvalSetException($"{where}: record {record} of {shard} is not a prompt of {length} tokens, whole or padded to seq_len {reader.Header.SeqLen}");
    }

    /// <summary>The tokens of record <paramref name="record"/> but its padding, which must be <paramref name="length"/> long.</summary>
    public uint[] PaddedPrompt(string shard, int record, int length)
    {
        try
        {
            var read = _shards[shard].ReadRecord(record);
            if (read.UnpaddedCount != length)
                throw new EvalSetException($"{_shards[shard].FilePath}: record {record} holds a prompt of {read.UnpaddedCount} tokens, its row says {length}");
            return read.Tokens[..length].ToArray();
        }
        catch (ShardFormatException e)
        {
            throw new EvalSetException(e.Message, e);
        }
    }

    public uint[] Prompt(string shard, int record)
    {
        try
        {
            return _shards[shard].ReadRecord(record).Tokens.ToArray();
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
