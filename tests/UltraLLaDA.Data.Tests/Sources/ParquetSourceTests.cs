using Parquet;
using Parquet.Schema;
using UltraLLaDA.Data.Sources;

using UltraLLaDA.Data.Tests.Support;

namespace UltraLLaDA.Data.Tests.Sources;

public sealed class ParquetSourceTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Reads_row_groups_in_order_with_metadata_and_ids_from_urls()
    {
        string path = _temp.Combine("books.parquet");
        await ParquetTestFile.WriteAsync(path, ParquetTestFile.Rows("t", 2), ParquetTestFile.Rows("t", 3, 2), ParquetTestFile.Rows("t", 1, 5));

        var source = DocumentSources.Open(path, "train");
        var documents = await source.ReadAllAsync();

        Assert.Equal(SourceLayout.Parquet, source.Layout);
        Assert.Equal(["t0", "t1", "t2", "t3", "t4", "t5"], documents.Select(d => d.Text));
        Assert.Equal([0L, 1, 2, 3, 4, 5], documents.Select(d => d.Ordinal));
        Assert.Equal([0L, 1, 2, 3, 4, 5], documents.Select(d => d.Row));
        Assert.Equal(
            new SourceDocument(3, "t3", "books.parquet", 3, "Title 3", "http://www.gutenberg.org/ebooks/3", 1803, null, "3"),
            documents[3]);
        Assert.Equal(6, await source.CountDocumentsAsync());
    }

    [Fact]
    public async Task Null_and_empty_texts_and_metadata_are_kept_as_such()
    {
        string path = _temp.Combine("x.parquet");
        await ParquetTestFile.WriteAsync(path, [
            new ParquetTestRow(null, null, null, ""),
            new ParquetTestRow("T", 1900, "http://x/ebooks/9/", null),
            new ParquetTestRow("B", 1, "u", "\uFEFF\uFEFFtwo BOMs\r\n"),
        ]);
        var source = DocumentSources.Open(path, "train");
        var documents = await source.ReadAllAsync();

        Assert.Equal(new SourceDocument(0, "", "x.parquet", 0, null, null, null), documents[0]);
        Assert.Equal(new SourceDocument(1, null, "x.parquet", 1, "T", "http://x/ebooks/9/", 1900, null, "9"), documents[1]);
        Assert.Equal("\uFEFFtwo BOMs\r\n", documents[2].Text); // one leading U+FEFF removed, nothing else
        Assert.Equal((1L, 1L, 1L), (source.Stats.NullTexts, source.Stats.EmptyTexts, source.Stats.BomsRemoved));
    }

    [Fact]
    public async Task Row_groups_are_read_one_at_a_time()
    {
        // The last row group is corrupt: the first two must be yielded before the error shows.
        string path = _temp.Combine("train.parquet");
        await ParquetTestFile.WriteAsync(path, ParquetTestFile.Rows("a", 2), ParquetTestFile.Rows("b", 2, 2), ParquetTestFile.Rows("c", 2, 4));
        await CorruptTextColumnAsync(path, rowGroup: 2);

        var seen = new List<string?>();
        var error = await Assert.ThrowsAsync<SourceDataException>(async () =>
        {
            await foreach (var document in DocumentSources.Open(path, "train"))
                seen.Add(document.Text);
        });

        Assert.Equal(["a0", "a1", "b2", "b3"], seen);
        Assert.StartsWith($"{path}: row group 2 cannot be read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resuming_passes_over_row_groups_without_reading_them()
    {
        // Row group 0 is corrupt: starting past it never touches its pages.
        string path = _temp.Combine("train.parquet");
        await ParquetTestFile.WriteAsync(path, ParquetTestFile.Rows("a", 3), ParquetTestFile.Rows("b", 3, 3));
        await CorruptTextColumnAsync(path, rowGroup: 0);

        var source = DocumentSources.Open(path, "train");
        var documents = await source.ReadAllAsync(startOrdinal: 4);

        Assert.Equal([(4L, "b4"), (5L, "b5")], documents.Select(d => (d.Ordinal, d.Text)));
        Assert.Equal(4, source.Stats.SkippedBeforeStart);
        await Assert.ThrowsAsync<SourceDataException>(() => source.ReadAllAsync(startOrdinal: 2));
    }

    [Fact]
    public async Task Only_text_is_required()
    {
        string path = _temp.Combine("train.parquet");
        var text = new DataField<string>("text");
        var date = new DataField<double>("publication_date"); // a type the source does not take a year from
        using (var stream = File.Create(path))
        {
            await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(date, text), stream);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<double>(date, new double[] { 1.5 }.AsMemory());
            await group.WriteAsync(text, new[] { "only text" });
        }

        var document = Assert.Single(await DocumentSources.Open(path, "train").ReadAllAsync());
        Assert.Equal(new SourceDocument(0, "only text", "train.parquet", 0, null, null, null), document);
    }

    [Fact]
    public async Task Required_and_dictionary_encoded_text_columns_read_like_optional_plain_ones()
    {
        string path = _temp.Combine("train.parquet");
        var text = new DataField<string>("text", false);
        string[] texts = [.. Enumerable.Repeat("same", 50), "other", .. Enumerable.Repeat("same", 49)];
        using (var stream = File.Create(path))
        {
            var options = new ParquetOptions();
            options.ColumnEncodingHints[text.Path.ToString()] = EncodingHint.Dictionary; // as pyarrow writes strings by default
            await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(text), stream, options);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(text, texts);
        }

        await using (var reader = await ParquetReader.CreateAsync(path))
        {
            Assert.False(reader.Schema.DataFields[0].IsNullable);
            Assert.Contains(reader.Metadata!.RowGroups[0].Columns[0].MetaData!.Encodings, e => e.ToString().Contains("DICTIONARY", StringComparison.Ordinal));
        }

        Assert.Equal(texts, (await DocumentSources.Open(path, "train").ReadAllAsync()).Select(d => d.Text));
    }

    [Fact]
    public async Task A_file_without_a_text_column_is_an_error_naming_it()
    {
        string path = _temp.Combine("train.parquet");
        await ParquetTestFile.WriteSingleColumnAsync(path, new DataField<int>("body"), new[] { 1, 2 });
        var error = await Assert.ThrowsAsync<SourceDataException>(() => DocumentSources.Open(path, "train").ReadAllAsync());
        Assert.Equal($"{path}: has no 'text' column (columns: body)", error.Message);
    }

    [Fact]
    public async Task A_non_string_text_column_is_an_error_naming_file_and_type()
    {
        string path = _temp.Combine("train.parquet");
        await ParquetTestFile.WriteSingleColumnAsync(path, new DataField<int>("text"), new[] { 1, 2 });
        var error = await Assert.ThrowsAsync<SourceDataException>(() => DocumentSources.Open(path, "train").ReadAllAsync());
        Assert.StartsWith($"{path}: column 'text' is of type Int32, not a UTF-8 string column", error.Message, StringComparison.Ordinal);
        // Counting (another partition's view of the file) fails the same way.
        await Assert.ThrowsAsync<SourceDataException>(() => DocumentSources.Open(path, "train").CountDocumentsAsync().AsTask());
    }

    [Theory]
    [InlineData("this is not a parquet file at all")]
    [InlineData("PAR1 starts right but is not")]
    [InlineData("")]
    public async Task A_file_that_is_not_parquet_is_an_error_naming_it(string content)
    {
        string path = _temp.Write("train.parquet", content);
        var error = await Assert.ThrowsAsync<SourceDataException>(() => DocumentSources.Open(path, "train").ReadAllAsync());
        Assert.StartsWith($"{path}: is not a readable Parquet file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Folder_split_files_follow_the_naming_rules_in_ordinal_order()
    {
        foreach (string name in new[]
        {
            "data/train-00001-of-00002.parquet", "data/train-00000-of-00002.parquet", "data/validation-00000-of-00001.parquet",
            "test.parquet", "other/train/0000.parquet", "train_extra.parquet", "training.parquet", ".cache/train.parquet",
        })
        {
            await ParquetTestFile.WriteAsync(_temp.Combine(name), ParquetTestFile.Rows(name + "#", 1));
        }

        var source = DocumentSources.Open(_temp.Path, "train");

        Assert.Equal(
            ["data/train-00000-of-00002.parquet", "data/train-00001-of-00002.parquet", "other/train/0000.parquet", "train_extra.parquet"],
            source.Files.Select(f => f.RelativePath));
        Assert.Equal(source.Files.Select(f => f.RelativePath + "#0"), (await source.ReadAllAsync()).Select(d => d.Text));
        Assert.Equal(["train", "validation", "test"], DocumentSources.ListSplits(_temp.Path));
        Assert.Single(DocumentSources.Open(_temp.Path, "training").Files);
    }

    private static async Task CorruptTextColumnAsync(string path, int rowGroup)
    {
        long offset, length;
        await using (var reader = await ParquetReader.CreateAsync(path))
        {
            var chunk = reader.Metadata!.RowGroups[rowGroup].Columns.Last().MetaData!; // "text" is the last column
            offset = chunk.DictionaryPageOffset is > 0 and long d ? Math.Min(d, chunk.DataPageOffset) : chunk.DataPageOffset;
            length = chunk.TotalCompressedSize;
        }

        using var file = File.OpenWrite(path);
        file.Position = offset;
        file.Write(Enumerable.Repeat((byte)0xFF, (int)length).ToArray());
    }
}
