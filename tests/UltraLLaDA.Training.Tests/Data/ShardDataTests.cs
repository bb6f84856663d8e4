using UltraLLaDA.Data.Tokenization;
using UltraLLaDA.Data.Packing;
using UltraLLaDA.Training.Data;
using UltraLLaDA.Training.Tests.Support;

namespace UltraLLaDA.Training.Tests.Data;

public sealed class ShardDataTests : IClassFixture<PackedSample>
{
    private readonly PackedSample _sample;

    public ShardDataTests(PackedSample sample) => _sample = sample;

    [Fact]
    public void The_folder_opens_with_the_byte_tokenizer_requirements()
    {
        using var dataset = ShardDataset.Open(_sample.Folder);
        Assert.Equal(new Utf8ByteTokenizer().Info.Sha256, dataset.Requirements.TokenizerSha256);
        Assert.Equal(259, dataset.Requirements.VocabSize);
        Assert.Equal(PackedSample.SeqLen, dataset.Requirements.SeqLen);
        Assert.Equal(SequenceLayout.Adaptive, dataset.Layout);
        Assert.True(dataset.Count > 500, $"only {dataset.Count} records");
        Assert.True(dataset.ShardCount > 1);
    }

    [Theory]
    [InlineData("tokenizer")]
    [InlineData("vocab")]
    [InlineData("seq_len")]
    public void Shards_that_disagree_with_the_run_are_refused(string what)
    {
        var good = DataRequirements.Of(ShardDataset.Open(_sample.Folder).Header);
        var run = what switch
        {
            "tokenizer" => good with { TokenizerSha256 = new string('0', 64) },
            "vocab" => good with { VocabSize = 300 },
            _ => good with { SeqLen = 512 },
        };
        var error = Assert.Throws<DataException>(() => ShardDataset.Open(_sample.Folder, run));
        Assert.Contains(what == "tokenizer" ? "tokenizer fingerprint" : what == "vocab" ? "vocabulary" : "seq_len", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_mixing_seq_lens_is_refused()
    {
        using var temp = new TempDirectory();
        await BytePacking.PackAsync(TestPaths.Pg19Mini, "validation", temp.Path, 128, SequenceLayout.Adaptive);
        var mixed = temp.Combine("mixed");
        Directory.CreateDirectory(mixed);
        File.Copy(Path.Combine(_sample.Folder, "train-00000.ulds"), Path.Combine(mixed, "a-00000.ulds"));
        File.Copy(Path.Combine(temp.Combine("validation"), "validation-00000.ulds"), Path.Combine(mixed, "b-00000.ulds"));
        var error = Assert.Throws<DataException>(() => ShardDataset.Open(mixed));
        Assert.Contains("seq_len 128", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_epoch_visits_every_record_once_in_a_seeded_order()
    {
        var order = new EpochOrder(1000, seed: 5);
        var first = order.Permutation(0);
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (long)i), first.Order());
        Assert.Equal(first, new EpochOrder(1000, seed: 5).Permutation(0));
        Assert.NotEqual(first, order.Permutation(1));
        Assert.NotEqual(first, new EpochOrder(1000, seed: 6).Permutation(0));
    }

    [Fact]
    public void A_loader_started_at_a_saved_position_yields_the_same_batches()
    {
        using var dataset = ShardDataset.Open(_sample.Folder);
        var batches = new List<TrainingBatch>();
        using (var loader = new ShardBatchLoader(dataset, 3, 9, DataPosition.Start, dataset.Layout, prefetch: 2))
        {
            for (var i = 0; i < 6; i++)
                batches.Add(loader.Next());
        }

        using var resumed = new ShardBatchLoader(dataset, 3, 9, batches[2].Next, dataset.Layout, prefetch: 2);
        for (var i = 3; i < 6; i++)
        {
            var batch = resumed.Next();
            Assert.Equal(batches[i].Position, batch.Position);
            Assert.Equal(batches[i].Tokens, batch.Tokens);
            Assert.Equal(batches[i].IsPadding, batch.IsPadding);
        }
    }

    [Fact]
    public void Batches_roll_over_into_the_next_epoch()
    {
        using var dataset = ShardDataset.Open(_sample.Folder);
        var start = new DataPosition(0, dataset.Count - 2);
        using var loader = new ShardBatchLoader(dataset, 4, 1, start, dataset.Layout);
        var batch = loader.Next();
        Assert.Equal(new DataPosition(1, 2), batch.Next);
    }
}
