using UltraLLaDA.Data.Formats.Ulds;
using UltraLLaDA.Training.Data;
using UltraLLaDA.Training.Tests.Support;

namespace UltraLLaDA.Training.Tests.Data;

/// <summary>Issue 7, item 3: the loader stops with the shard reader's error instead of training on a damaged record.</summary>
public sealed class CorruptShardTests : IClassFixture<PackedSample>
{
    private readonly PackedSample _sample;

    public CorruptShardTests(PackedSample sample) => _sample = sample;

    [Fact]
    public void A_damaged_record_stops_the_loader_with_an_error_naming_file_and_record()
    {
        using var temp = new TempDirectory();
        var folder = temp.Combine("train");
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(_sample.Folder))
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        var shard = Path.Combine(folder, "train-00000.ulds");
        long at;
        using (var reader = ShardReader.Open(shard))
            at = (long)reader.Index[2].Offset + (reader.Index[2].CompressedLength / 2);
        using (var stream = new FileStream(shard, FileMode.Open, FileAccess.ReadWrite))
        {
            stream.Position = at;
            var b = stream.ReadByte();
            stream.Position = at;
            stream.WriteByte((byte)(b ^ 0x10));
        }

        using var dataset = ShardDataset.Open(folder);
        using var loader = new ShardBatchLoader(dataset, 2, 1, DataPosition.Start, dataset.Layout, prefetch: 2, shuffle: false);
        loader.Next(); // records 0 and 1 are whole
        var error = Assert.Throws<DataException>(() => loader.Next());
        Assert.Contains($"{shard}: record 2: ", error.Message, StringComparison.Ordinal);
        var cause = error.InnerException;
        while (cause is not null and not ShardFormatException)
            cause = cause.InnerException;
        var format = Assert.IsType<ShardFormatException>(cause);
        Assert.Equal(shard, format.FilePath);
        Assert.Equal(2, format.Record);

        // The loader stays stopped: no later batch slips past the damaged record.
        Assert.ThrowsAny<Exception>(() => loader.Next());
    }
}
