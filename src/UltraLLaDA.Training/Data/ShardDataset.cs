using UltraLLaDA.Data.Output;
using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Formats.Ulds;

namespace UltraLLaDA.Training.Data;

/// <summary>
/// All records of a folder of ULDS shards, addressed 0..Count-1 in shard order. The shards are those the
/// folder's manifest.json lists, or else every *.ulds file in ordinal name order. Every shard must match the
/// run's <see cref="DataRequirements"/> and the others' layout; a disagreement is refused when opening.
/// </summary>
public sealed class ShardDataset : IDisposable
{
    private readonly ShardReader[] _readers;
    private readonly long[] _firstRecord;

    private ShardDataset(string folder, ShardReader[] readers, DataRequirements requirements)
    {
        Folder = folder;
        _readers = readers;
        Requirements = requirements;
        Header = readers[0].Header;
        _firstRecord = new long[readers.Length + 1];
        for (var i = 0; i < readers.Length; i++)
            _firstRecord[i + 1] = _firstRecord[i] + readers[i].RecordCount;
    }

    public string Folder { get; }

    public DataRequirements Requirements { get; }

    /// <summary>The first shard's header (all shards agree on what matters).</summary>
    public ShardHeader Header { get; }

    public SequenceLayout Layout => Header.Layout;

    public long Count => _firstRecord[^1];

    public int ShardCount => _readers.Length;

    /// <summary>
    /// Opens the folder. With <paramref name="requirements"/> null, the first shard sets them (a fresh run);
    /// otherwise (a resumed run, an evaluation) every shard must match them.
    /// </summary>
    public static ShardDataset Open(string folder, DataRequirements? requirements = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        if (!Directory.Exists(folder))
            throw new DataException($"shard folder not found: {folder}");
        var files = ListShards(folder);
        if (files.Count == 0)
            throw new DataException($"{folder} holds no .ulds shards");

        var readers = new List<ShardReader>(files.Count);
        try
        {
            SequenceLayout? layout = null;
            foreach (var file in files)
            {
                ShardReader reader;
                try
                {
                    reader = ShardReader.Open(file);
                }
                catch (ShardFormatException e)
                {
                    throw new DataException(e.Message, e);
                }

                readers.Add(reader);
                requirements ??= DataRequirements.Of(reader.Header);
                var problem = requirements.Disagreement(reader.Header);
                if (problem is not null)
                    throw new DataException($"{file}: refused: {problem}");
                layout ??= reader.Header.Layout;
                if (reader.Header.Layout != layout)
                    throw new DataException($"{file}: refused: layout {reader.Header.Layout.ToWireName()}, the other shards' is {layout.Value.ToWireName()}");
            }

            return new ShardDataset(Path.GetFullPath(folder), [.. readers], requirements!);
        }
        catch
        {
            foreach (var reader in readers)
                reader.Dispose();
            throw;
        }
    }

    /// <summary>Reads record <paramref name="index"/> (0..Count-1) of the whole folder. Thread-safe.</summary>
    public ShardRecord Read(long index, ShardRecord? reuse = null)
    {
        if ((ulong)index >= (ulong)Count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"the folder holds {Count} records");
        var shard = Array.BinarySearch(_firstRecord, index);
        shard = shard >= 0 ? shard : ~shard - 1;
        while (_readers[shard].RecordCount == 0 || index >= _firstRecord[shard + 1])
            shard++;
        try
        {
            return _readers[shard].ReadRecord((int)(index - _firstRecord[shard]), reuse);
        }
        catch (ShardFormatException e)
        {
            throw new DataException(e.Message, e);
        }
    }

    public void Dispose()
    {
        foreach (var reader in _readers)
            reader.Dispose();
    }

    /// <summary>
    /// The folder's shards in split order, as `ultrallada-data inspect`/`verify` see them: the merged manifest's
    /// list, else each part manifest's in part order, else every .ulds file in name order. Only the folder itself
    /// counts: a parent of split folders holds no shards to train on.
    /// </summary>
    private static List<string> ListShards(string folder)
    {
        if (!OutputFolder.IsSplitFolder(folder))
            return [];
        try
        {
            return [.. OutputFolder.ListShards(folder)];
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new DataException($"{folder}: cannot read the manifest: {e.Message}", e);
        }
    }
}
