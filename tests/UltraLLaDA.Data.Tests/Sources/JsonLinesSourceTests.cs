using System.IO.Compression;
using System.Text;
using UltraLLaDA.Data.Sources;
using ZstdSharp;

using UltraLLaDA.Data.Tests.Support;

namespace UltraLLaDA.Data.Tests.Sources;

public sealed class JsonLinesSourceTests : IDisposable
{
    private static readonly string _root = TestPaths.Fixture("jsonl");
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Reads_texts_metadata_and_raw_extra_fields()
    {
        var source = DocumentSources.Open(_root, "train");
        Assert.Equal(SourceLayout.JsonLines, source.Layout);
        var documents = await source.ReadAllAsync();

        Assert.Equal([0L, 1, 2, 3, 4], documents.Select(d => d.Ordinal));
        Assert.Equal([0L, 2, 3, 4, 6], documents.Select(d => d.Row)); // blank lines 1 and 5 keep their numbers
        Assert.All(documents, d => Assert.Equal("train.jsonl", d.Source));

        var first = documents[0];
        Assert.Equal("First doc\r\nwith CRLF", first.Text);
        Assert.Equal(("T1", "http://example.org/1", 1900, "1"), (first.Title, first.Url, first.PublicationDate, first.Id));
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["title"] = "\"T1\"",
                ["url"] = "\"http://example.org/1\"",
                ["id"] = "1",
                ["publication_date"] = "1900",
                ["meta"] = "{\"a\":[1, 2]}",
            },
            first.Extra);

        Assert.Equal(("BOM doc", "Short", "b"), (documents[1].Text, documents[1].Title, documents[1].Id));
        Assert.Null(documents[2].Text);
        Assert.Equal("Null text", documents[2].Title);
        Assert.Equal("", documents[3].Text);
        Assert.Null(documents[3].Extra);
        Assert.Equal("Ümläut ß", documents[4].Text);
        Assert.Equal(1915, documents[4].PublicationDate);
        Assert.Equal("\"s\\\"q\"", documents[4].Extra!["extra"]);

        var stats = source.Stats;
        Assert.Equal((5L, 1L, 1L, 1L, 2L), (stats.Documents, stats.NullTexts, stats.EmptyTexts, stats.BomsRemoved, stats.BlankLines));
    }

    [Fact]
    public async Task A_file_BOM_and_a_last_line_without_newline_are_handled()
    {
        var document = Assert.Single(await DocumentSources.Open(_root, "validation").ReadAllAsync());
        Assert.Equal("only line, no newline at the end", document.Text);
        Assert.Equal(["train", "validation"], DocumentSources.ListSplits(_root));
    }

    [Theory]
    [InlineData("{\"text\": \"abc\"", "malformed JSON")]
    [InlineData("{\"title\": \"no text\"}", "has no 'text' field")]
    [InlineData("{\"text\": 42}", "field 'text' is Number")]
    [InlineData("{\"text\": \"a\", \"text\": \"b\"}", "'text' twice")]
    [InlineData("[\"text\"]", "not a JSON object")]
    [InlineData("{\"text\": \"a\"} {\"text\": \"b\"}", "malformed JSON")]
    [InlineData("{\"text\": \"lone \\ud800 surrogate\"}", "malformed JSON string")]
    public async Task A_bad_line_is_an_error_naming_file_and_1_based_line(string badLine, string problem)
    {
        string path = _temp.Write("train.jsonl", "{\"text\":\"fine\"}\n\n" + badLine + "\n{\"text\":\"never reached\"}\n");
        var source = DocumentSources.Open(path, "train");

        var error = await Assert.ThrowsAsync<SourceDataException>(() => source.ReadAllAsync());
        Assert.Equal((path, 3L), (error.FilePath, error.LineNumber));
        Assert.StartsWith($"{path}:3: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_UTF8_in_a_line_is_replaced_and_counted()
    {
        string path = _temp.Write("x.jsonl", [.. "{\"text\":\"a"u8, 0xFF, .. "b\",\"k\":\""u8, 0xC3, .. "\"}\n"u8]);
        var source = DocumentSources.Open(path, "train");
        var document = Assert.Single(await source.ReadAllAsync());
        Assert.Equal("a\uFFFDb", document.Text);
        Assert.Equal("\"\uFFFD\"", document.Extra!["k"]);
        Assert.Equal((2L, 1L), (source.Stats.InvalidUtf8Sequences, source.Stats.DocumentsWithInvalidUtf8));
    }

    [Fact]
    public async Task A_50_MB_line_is_read_whole()
    {
        const int length = 50 * 1024 * 1024;
        var json = new StringBuilder(length + 64).Append("{\"id\":\"big\",\"text\":\"");
        for (int i = 0; json.Length < length; i++)
            json.Append(i % 100 == 0 ? "\\n" : "abcdefghij");
        json.Append("\"}\n{\"text\":\"after\"}\n");
        string path = _temp.Write("big.jsonl", json.ToString());

        var documents = await DocumentSources.Open(path, "train").ReadAllAsync();

        Assert.Equal(2, documents.Count);
        Assert.True(documents[0].Text!.Length > 49 * 1024 * 1024);
        Assert.StartsWith("\nabcdefghij", documents[0].Text, StringComparison.Ordinal);
        Assert.Equal(("after", 1L), (documents[1].Text, documents[1].Row));
    }

    [Fact]
    public async Task Gzip_and_zstd_files_read_like_plain_ones()
    {
        byte[] plain = File.ReadAllBytes(Path.Combine(_root, "train.jsonl"));
        using (var gz = new GZipStream(File.Create(_temp.Combine("train.jsonl.gz")), CompressionLevel.Fastest))
            gz.Write(plain);
        File.WriteAllBytes(_temp.Combine("train-1.jsonl.zst"), new Compressor().Wrap(plain).ToArray());

        var source = DocumentSources.Open(_temp.Path, "train");
        Assert.Equal(["train-1.jsonl.zst", "train.jsonl.gz"], source.Files.Select(f => f.RelativePath));
        var documents = await source.ReadAllAsync();
        var expected = await DocumentSources.Open(_root, "train").ReadAllAsync();

        Assert.Equal(expected.Concat(expected).Select(d => d.Text), documents.Select(d => d.Text));
        Assert.Equal(10, await source.CountDocumentsAsync());
    }

    [Fact]
    public async Task A_corrupt_gzip_file_is_an_error_naming_it()
    {
        string path = _temp.Write("train.jsonl.gz", [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF, 1, 2, 3, 4, 5, 6, 7, 8]);
        var error = await Assert.ThrowsAsync<SourceDataException>(() => DocumentSources.Open(path, "train").ReadAllAsync());
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }
}
