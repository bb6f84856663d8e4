using UltraLLaDA.Data.Evaluation;
using UltraLLaDA.Data.Formats.Ulds;
using UltraLLaDA.Data.Sources;
using UltraLLaDA.Data.Tests.Support;

namespace UltraLLaDA.Data.Tests.Evaluation;

public class PplSetMakerTests
{
    [Theory]
    [InlineData("o200k")]
    [InlineData("bytes")]
    [InlineData("tiny")]
    public async Task Windows_are_prefixes_of_the_first_document_long_enough(string name)
    {
        using var temp = new TempDirectory();
        var tokenizer = EvalTestTokenizers.Load(name);
        var output = temp.Combine("ppl");
        int[] lengths = [2048, 256, 1024];
        var index = await PplSetMaker.MakeAsync(Options(output, name, lengths), tokenizer);

        // train/11.txt (Alice) is the first train document and long enough for every tokenizer here.
        var alice = File.ReadAllText(Path.Combine(EvalTestTokenizers.MiniCorpus, "train", "11.txt"));
        var expected = EvalTestTokenizers.Encode(tokenizer, alice);
        Assert.Equal(0, index.Documents.Single().Ordinal);
        Assert.Equal("11", index.Documents[0].Id);
        Assert.Equal(expected.Length, index.TextTokens);
        Assert.False(index.Concatenated);
        Assert.Equal([256, 1024, 2048], index.Windows.Select(w => w.Length));

        var set = PplSet.Open(output);
        foreach (var window in set.Index.Windows)
        {
            using var reader = ShardReader.Open(Path.Combine(output, window.Shard));
            Assert.Equal(window.Length, reader.Header.SeqLen);
            Assert.Equal(tokenizer.Info.Sha256, reader.Header.Tokenizer.Sha256);
            var record = reader.ReadRecord(0);
            Assert.Equal(expected[..window.Length], record.Tokens.ToArray());
            Assert.Equal(1, record.SegmentCount);
            Assert.Equal(0u, record.Segments[0].Offset);
            Assert.Equal(Path.Combine(output, $"len-{window.Length}"), set.WindowFolder(window));
        }
    }

    [Fact]
    public async Task Same_input_gives_the_same_bytes()
    {
        using var temp = new TempDirectory();
        var tokenizer = EvalTestTokenizers.Load("o200k");
        await PplSetMaker.MakeAsync(Options(temp.Combine("a"), "o200k", [512, 4096]), tokenizer);
        await PplSetMaker.MakeAsync(Options(temp.Combine("b"), "o200k", [512, 4096]), tokenizer.CreateWorker());
        foreach (var file in Directory.GetFiles(temp.Combine("a"), "*", SearchOption.AllDirectories))
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(file.Replace(temp.Combine("a"), temp.Combine("b"), StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Lengths_beyond_every_document_are_refused_unless_documents_may_be_joined()
    {
        using var temp = new TempDirectory();
        var tokenizer = EvalTestTokenizers.Load("o200k");
        var options = Options(temp.Combine("x"), "o200k", [4096, 60_000]);
        var error = await Assert.ThrowsAsync<EvalSetException>(() => PplSetMaker.MakeAsync(options, tokenizer));
        // The flags (--lengths, --concatenate) are the CLI's words: MakeEvalCommandTests asserts them.
        Assert.Contains("length 60000 is longer than every document", error.Message, StringComparison.Ordinal);
        Assert.Equal(EvalSetting.Lengths, error.Setting);
        Assert.Contains("'Alice's Adventures in Wonderland', has ", error.Message, StringComparison.Ordinal);
        Assert.Equal(EvalSetting.Concatenate, error.Remedy);
        Assert.DoesNotContain("--", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Combine("x")));

        var joined = await PplSetMaker.MakeAsync(options with { Concatenate = true }, tokenizer);
        Assert.True(joined.Concatenated);
        Assert.Equal(2, joined.Documents.Count);
        Assert.Contains("joined", joined.Choice, StringComparison.Ordinal);

        var whole = await Assert.ThrowsAsync<EvalSetException>(() => PplSetMaker.MakeAsync(options with { Lengths = [10_000_000], Concatenate = true, Overwrite = true }, tokenizer));
        Assert.Contains("longer than the whole of", whole.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(temp.Combine("x"), PplSetIndex.FileName)), "a refused request leaves the earlier set alone");

        var exists = await Assert.ThrowsAsync<EvalSetException>(() => PplSetMaker.MakeAsync(options with { Concatenate = true }, tokenizer));
        Assert.Equal(EvalSetting.Output, exists.Setting);
        Assert.Equal(EvalSetting.Overwrite, exists.Remedy);
        Assert.Contains("can only be replaced", exists.Message, StringComparison.Ordinal);
    }

    [Pg19SampleFact]
    public async Task Table_1_lengths_from_the_PG19_test_split()
    {
        using var temp = new TempDirectory();
        var tokenizer = EvalTestTokenizers.Load("o200k");
        var options = new PplSetOptions { Input = new EvalInput(TestPaths.Pg19Sample!, "test", SourceLayout.Pg19Text), Output = temp.Combine("ppl") };
        var index = await PplSetMaker.MakeAsync(options, tokenizer);
        Assert.Equal(EvalDefaults.PplLengths, index.Windows.Select(w => w.Length));
        var document = index.Documents.Single();
        Assert.True(document.Tokens >= 131072);
        Assert.Equal("test/1400.txt", document.Source);
    }

    private static PplSetOptions Options(string output, string tokenizer, int[] lengths) => new()
    {
        Input = new EvalInput(EvalTestTokenizers.MiniCorpus, "train"),
        TokenizerSpec = EvalTestTokenizers.Spec(tokenizer),
        Lengths = lengths,
        Output = output,
    };
}
