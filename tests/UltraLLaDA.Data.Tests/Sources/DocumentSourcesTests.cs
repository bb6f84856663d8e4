using UltraLLaDA.Data.Sources;

using UltraLLaDA.Data.Tests.Support;

namespace UltraLLaDA.Data.Tests.Sources;

public sealed class DocumentSourcesTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_missing_input_is_an_error_naming_the_path()
    {
        string path = Path.Combine(_temp.Path, "nope");
        Assert.Contains(path, Assert.Throws<FileNotFoundException>(() => DocumentSources.Open(path, "train")).Message, StringComparison.Ordinal);
        Assert.Throws<FileNotFoundException>(() => DocumentSources.ListSplits(path));
        Assert.Throws<FileNotFoundException>(() => DocumentSources.DetectLayout(path));
    }

    [Fact]
    public void Layouts_are_detected()
    {
        Assert.Equal(SourceLayout.Pg19Text, DocumentSources.DetectLayout(TestPaths.Fixture("txt")));
        Assert.Equal(SourceLayout.JsonLines, DocumentSources.DetectLayout(TestPaths.Fixture("jsonl")));
        Assert.Equal(SourceLayout.JsonLines, DocumentSources.DetectLayout(TestPaths.Fixture("jsonl", "train.jsonl")));
        Assert.Equal(SourceLayout.Parquet, DocumentSources.DetectLayout(_temp.Write("a.PARQUET", "x")));
        Assert.Equal(SourceLayout.Parquet, DocumentSources.DetectLayout(_temp.Path));
        string txtRoot = Path.GetDirectoryName(Path.GetDirectoryName(_temp.Write("pg19/train/c.txt", "a subfolder of .txt files, no metadata.csv")))!;
        Assert.Equal(SourceLayout.Pg19Text, DocumentSources.DetectLayout(txtRoot));
    }

    [Fact]
    public void Unknown_inputs_are_errors_naming_them()
    {
        string csv = _temp.Write("books.csv", "x");
        Assert.StartsWith($"{csv}: is not a .parquet", Assert.Throws<SourceDataException>(() => DocumentSources.Open(csv, "train")).Message, StringComparison.Ordinal);
        string empty = _temp.Combine("empty/x");
        var error = Assert.Throws<SourceDataException>(() => DocumentSources.Open(Path.GetDirectoryName(empty)!, "train"));
        Assert.Contains("holds no .parquet files", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_split_without_files_is_an_error_listing_the_splits_found()
    {
        var error = Assert.Throws<SourceDataException>(() => DocumentSources.Open(TestPaths.Fixture("jsonl"), "test"));
        Assert.Contains("no JSONL files for split 'test' (standard splits found: train, validation)", error.Message, StringComparison.Ordinal);
        Assert.Throws<SourceDataException>(() => DocumentSources.Open(TestPaths.Fixture("txt"), "dev"));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("..")]
    [InlineData("a/b")]
    public void Split_names_must_be_plain(string split) =>
        Assert.ThrowsAny<ArgumentException>(() => DocumentSources.Open(TestPaths.Fixture("txt"), split));

    [Fact]
    public void A_single_file_is_read_for_any_split_unless_its_name_names_another()
    {
        string validation = _temp.Write("validation.jsonl", "{\"text\":\"v\"}\n");
        string books = _temp.Write("books.jsonl", "{\"text\":\"b\"}\n");

        Assert.Equal("validation", DocumentSources.Open(validation, "validation").Split);
        var error = Assert.Throws<SourceDataException>(() => DocumentSources.Open(validation, "train"));
        Assert.Contains("is the 'validation' split by its name, but split 'train' was asked for", error.Message, StringComparison.Ordinal);
        Assert.Equal("edge", DocumentSources.Open(books, "edge").Split);

        Assert.Equal(["validation"], DocumentSources.ListSplits(validation));
        Assert.Empty(DocumentSources.ListSplits(books));
    }

    [Fact]
    public void A_named_layout_overrides_detection_and_must_fit_a_file()
    {
        var source = DocumentSources.Open(TestPaths.Fixture("txt"), "train", layout: SourceLayout.Pg19Text);
        Assert.Equal(SourceLayout.Pg19Text, source.Layout);
        Assert.Equal(PartitionSpec.Whole, source.Partition);
        Assert.Throws<SourceDataException>(() => DocumentSources.Open(TestPaths.Fixture("jsonl", "train.jsonl"), "train", layout: SourceLayout.Parquet));
    }
}
