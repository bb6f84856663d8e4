using UltraLLaDA.Data.Formats.Ulds;

namespace UltraLLaDA.Data.Evaluation;

/// <summary>A PPL set folder opened for evaluation: its index, and each window's shard checked against it.</summary>
public sealed class PplSet
{
    private PplSet(string folder, PplSetIndex index)
    {
        Folder = folder;
        Index = index;
    }

    public string Folder { get; }

    public PplSetIndex Index { get; }

    /// <summary>The folder holding window <paramref name="window"/>'s shard (a shard folder of its own).</summary>
    public string WindowFolder(PplWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        return Path.GetDirectoryName(Path.Combine(Folder, window.Shard))!;
    }

    /// <summary>Opens <paramref name="folder"/>: the index must be a PPL set's and every window's shard must match it.</summary>
    public static PplSet Open(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var path = Path.Combine(folder, PplSetIndex.FileName);
        var index = EvalSetFolder.ReadJson<PplSetIndex>(path);
        if (index.Kind != PplSetIndex.KindName || index.Windows is null || index.Tokenizer is null)
            throw new EvalSetException($"{path}: not a PPL set index (kind '{index.Kind}')");
        foreach (var window in index.Windows)
        {
            using var reader = OpenShard(Path.Combine(folder, window.Shard));
            if (reader.Header.SeqLen != window.Length || reader.RecordCount != 1 || reader.Index[0].TokenCount != window.Length)
                throw new EvalSetException($"{reader.FilePath}: expected one record of {window.Length} tokens as {path} says, found {reader.RecordCount} record(s) of seq_len {reader.Header.SeqLen}");
            if (!string.Equals(reader.Header.Tokenizer.Sha256, index.Tokenizer.Sha256, StringComparison.OrdinalIgnoreCase))
                throw new EvalSetException($"{reader.FilePath}: made with tokenizer {reader.Header.Tokenizer.Name} ({reader.Header.Tokenizer.Sha256}), {path} says {index.Tokenizer.Name} ({index.Tokenizer.Sha256})");
        }

        return new PplSet(Path.GetFullPath(folder), index);
    }

    internal static ShardReader OpenShard(string path)
    {
        try
        {
            return ShardReader.Open(path);
        }
        catch (ShardFormatException e)
        {
            throw new EvalSetException(e.Message, e);
        }
    }
}
