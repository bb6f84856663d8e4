using UltraLLaDA.Data.Sources;
using UltraLLaDA.Data.Sources.Pg19Text;

using UltraLLaDA.Data.Tests.Support;

namespace UltraLLaDA.Data.Tests.Sources;

public sealed class Pg19MetadataCsvTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Reads_the_fixture_with_quotes_commas_CRLF_and_an_empty_date()
    {
        var books = Pg19MetadataCsv.Load(TestPaths.Fixture("txt", "metadata.csv"));

        Assert.Equal(7, books.Count);
        Assert.Equal(new Pg19BookMetadata("1", "Frankenstein; Or, The Modern Prometheus", 1818, "http://www.gutenberg.org/ebooks/1"), books["1"]);
        Assert.Null(books["2"].PublicationDate);
        Assert.Equal("http://www.gutenberg.org/ebooks/2", books["2"].Url); // the field after CRLF-ended lines is clean
        Assert.Equal("A \"Quoted\" Title", books["3"].Title);
        Assert.Equal("http://www.gutenberg.org/ebooks/99", books["99"].Url);
    }

    [Fact]
    public void A_quoted_field_may_span_lines_and_later_line_numbers_stay_right()
    {
        string path = _temp.Write("metadata.csv", "1,\"Two\nlines\",1900,u\n\n2,x,19x0,u\n");
        var error = Assert.Throws<SourceDataException>(() => Pg19MetadataCsv.Load(path));
        Assert.Equal(4, error.LineNumber);

        string good = _temp.Write("good.csv", "1,\"Two\r\nlines, and \"\"more\"\"\",,u\r\n");
        Assert.Equal("Two\r\nlines, and \"more\"", Pg19MetadataCsv.Load(good)["1"].Title);
    }

    [Theory]
    [InlineData("1,ok,1900,u\n2,\"never closed,1900,u\n3,x,1,u\n", 2, "not closed")]
    [InlineData("1,a,1900\n", 1, "3 fields")]
    [InlineData("1,a,1900,u\n2,a,1900,u,extra\n", 2, "5 fields")]
    [InlineData("x1,a,1900,u\n", 1, "id 'x1'")]
    [InlineData("1,a,19x0,u\n", 1, "publication_date '19x0'")]
    [InlineData("7,a,1900,u\n007,b,1901,u\n", 2, "id 7 is given again (first on line 1)")]
    [InlineData("1,a \"b\",1900,u\n", 1, "quote inside an unquoted field")]
    [InlineData("1,\"a\"b,1900,u\n", 1, "after a closing quote")]
    public void Malformed_rows_are_errors_naming_file_and_line(string content, int line, string problem)
    {
        string path = _temp.Write("metadata.csv", content);
        var error = Assert.Throws<SourceDataException>(() => Pg19MetadataCsv.Load(path));
        Assert.Equal(path, error.FilePath);
        Assert.Equal(line, error.LineNumber);
        Assert.StartsWith($"{path}:{line}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_row_a_BOM_and_empty_lines_are_passed_over()
    {
        string path = _temp.Write("metadata.csv", "\uFEFFid,short_book_title,publication_date,url\r\n\r\n5,Five,,\n\n");
        var books = Pg19MetadataCsv.Load(path);
        var book = Assert.Single(books).Value;
        Assert.Equal(new Pg19BookMetadata("5", "Five", null, null), book);
    }
}
