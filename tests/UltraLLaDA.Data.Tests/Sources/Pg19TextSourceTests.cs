using UltraLLaDA.Data.Sources;

using UltraLLaDA.Data.Tests.Support;

namespace UltraLLaDA.Data.Tests.Sources;

public sealed class Pg19TextSourceTests : IDisposable
{
    private static readonly string _root = TestPaths.Fixture("txt");
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Reads_train_in_ordinal_file_name_order_with_metadata()
    {
        var source = DocumentSources.Open(_root, "train");
        Assert.Equal(SourceLayout.Pg19Text, source.Layout);
        Assert.Equal(
            ["train/1.txt", "train/11.txt", "train/2.txt", "train/3.txt", "train/4.txt", "train/5.txt"],
            source.Files.Select(f => f.RelativePath));

        var documents = await source.ReadAllAsync();

        Assert.Equal([0L, 1, 2, 3, 4, 5], documents.Select(d => d.Ordinal));
        Assert.All(documents, d => Assert.Equal(0, d.Row));
        Assert.Equal(
            new SourceDocument(0, "It was on a dreary night of November.\r\nSecond line.\r\n", "train/1.txt", 0,
                "Frankenstein; Or, The Modern Prometheus", "http://www.gutenberg.org/ebooks/1", 1818, null, "1"),
            documents[0]);
        Assert.Equal("Eleven üß\n", documents[1].Text);
        Assert.Equal("A \"Quoted\" Title", documents[3].Title);
    }

    [Fact]
    public async Task Invalid_UTF8_is_replaced_and_counted()
    {
        var source = DocumentSources.Open(_root, "train");
        var documents = await source.ReadAllAsync();

        var broken = documents.Single(d => d.Id == "2");
        Assert.Equal("Bad \uFFFD bytes \uFFFD here\r\n", broken.Text);
        Assert.Null(broken.PublicationDate); // empty date in metadata.csv
        Assert.Equal("Broken Bytes", broken.Title);
        Assert.Equal(2, source.Stats.InvalidUtf8Sequences);
        Assert.Equal(1, source.Stats.DocumentsWithInvalidUtf8);
    }

    [Fact]
    public async Task Files_without_metadata_and_empty_files_are_read_and_counted()
    {
        var source = DocumentSources.Open(_root, "train");
        var documents = await source.ReadAllAsync();

        var orphan = documents.Single(d => d.Id == "4");
        Assert.Equal("No metadata row for me.\r\n", orphan.Text);
        Assert.Null(orphan.Title);
        Assert.Null(orphan.Url);
        Assert.Null(orphan.PublicationDate);
        Assert.Equal("", documents.Single(d => d.Id == "5").Text);

        var stats = source.Stats;
        Assert.Equal(6, stats.Documents);
        Assert.Equal(1, stats.EmptyTexts);
        Assert.Equal(0, stats.NullTexts);
        Assert.Equal(2, stats.DocumentsWithoutMetadata);
        Assert.Equal(1, stats.BomsRemoved);
        Assert.Equal(6, stats.FilesRead);
    }

    [Fact]
    public async Task Other_splits_and_their_BOMs()
    {
        Assert.Equal(["train", "validation", "test"], DocumentSources.ListSplits(_root));
        var test = DocumentSources.Open(_root, "test");
        var document = Assert.Single(await test.ReadAllAsync());
        Assert.Equal("Test text.\r\n", document.Text);
        Assert.Equal(1, test.Stats.BomsRemoved);
        Assert.Equal("Validation Book", Assert.Single(await DocumentSources.Open(_root, "validation").ReadAllAsync()).Title);
    }

    [Fact]
    public async Task Metadata_csv_is_optional()
    {
        _temp.Write("validation/7.txt", "seven");
        var source = DocumentSources.Open(_temp.Path, "validation");
        var document = Assert.Single(await source.ReadAllAsync());
        Assert.Equal(new SourceDocument(0, "seven", "validation/7.txt", 0, null, null, null, null, "7"), document);
        Assert.Equal(["validation"], DocumentSources.ListSplits(_temp.Path));
    }

    [Fact]
    public void Malformed_metadata_csv_fails_the_open_naming_file_and_line()
    {
        _temp.Write("train/1.txt", "one");
        string csv = _temp.Write("metadata.csv", "1,a,1900,u\n2,\"b,1900,u\n");
        var error = Assert.Throws<SourceDataException>(() => DocumentSources.Open(_temp.Path, "train"));
        Assert.StartsWith($"{csv}:2: ", error.Message, StringComparison.Ordinal);
    }
}
