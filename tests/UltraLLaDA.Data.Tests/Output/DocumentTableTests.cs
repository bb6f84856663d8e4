using System.Text;
using UltraLLaDA.Data.Inspection;
using UltraLLaDA.Data.Output;
using UltraLLaDA.Data.Sources;
using UltraLLaDA.Data.Tests.Support;

namespace UltraLLaDA.Data.Tests.Output;

/// <summary>The documents table's one reader and one writer: lines as bytes, torn lines, resume truncation, byte-exact copies.</summary>
public sealed class DocumentTableTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_reader_gives_each_line_its_number_end_and_whether_a_newline_ended_it()
    {
        var path = Path.Combine(_temp.Path, "documents.jsonl");
        File.WriteAllBytes(path, [.. Encoding.UTF8.GetPreamble(), .. "{\"doc\":0,\"tokens\":3}\r\n\n{\"doc\":1,\"tok"u8]);
        using var reader = DocumentTableReader.Open(path);

        Assert.True(reader.TryRead(out var first));
        Assert.Equal(1, first.Number);
        Assert.Equal("{\"doc\":0,\"tokens\":3}", Encoding.UTF8.GetString(first.Json.Span));
        Assert.True(first.Terminated);
        Assert.Equal(3 + 22, first.End);
        Assert.True(first.TryParse(out var entry, out _));
        Assert.Equal(new DocumentEntry(0, null, 0, null, null, 3, null), entry);

        Assert.True(reader.TryRead(out var empty));
        Assert.Equal(0, empty.Json.Length);
        Assert.Equal(26, empty.End);

        Assert.True(reader.TryRead(out var torn));
        Assert.False(torn.Terminated);
        Assert.False(torn.TryParse(out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
        Assert.False(reader.TryRead(out _));
    }

    [Fact]
    public void A_line_longer_than_the_read_buffer_comes_back_whole()
    {
        var path = Path.Combine(_temp.Path, "long.jsonl");
        var title = new string('x', 200_000);
        File.WriteAllText(path, $"{{\"doc\":7,\"title\":\"{title}\",\"tokens\":1}}\n");
        using var reader = DocumentTableReader.Open(path);
        Assert.True(reader.TryRead(out var line));
        Assert.True(line.TryParse(out var entry, out _));
        Assert.Equal(title, entry.Title);
        Assert.Equal(7, entry.Doc);
        Assert.True(line.TryReadDoc(out var doc, out _));
        Assert.Equal(7, doc);
    }

    [Fact]
    public void A_resume_keeps_the_whole_lines_before_its_document_and_cuts_the_rest()
    {
        var final = Path.Combine(_temp.Path, "documents.jsonl");
        using (var writer = DocumentTableWriter.Open(final, keepBefore: null))
        {
            for (var i = 0; i < 4; i++)
                writer.Add(Document(i), 10 + i);
            writer.Flush();
        }

        // A job killed while writing doc 4's line leaves it torn.
        File.AppendAllText(final + ".partial", "{\"doc\":4,\"sou");
        var before = File.ReadAllLines(final + ".partial");

        using (var writer = DocumentTableWriter.Open(final, keepBefore: 2))
        {
            writer.Add(Document(2), 12);
            writer.Complete();
        }

        var catalog = DocumentCatalog.Read(final);
        Assert.Empty(catalog.Problems);
        Assert.Equal([0L, 1, 2], catalog.Entries.Select(e => e.Doc));
        Assert.Equal(before[..3], File.ReadAllLines(final));
    }

    [Fact]
    public void AddLine_copies_a_line_byte_for_byte()
    {
        var source = Path.Combine(_temp.Path, "part.jsonl");
        File.WriteAllText(source, "{\"doc\":3,  \"tokens\":5, \"title\":\"caf\u00e9\"}\n");
        var final = Path.Combine(_temp.Path, "documents.jsonl");
        using (var reader = DocumentTableReader.Open(source))
        using (var writer = DocumentTableWriter.Open(final, keepBefore: null))
        {
            Assert.True(reader.TryRead(out var line));
            writer.AddLine(line);
            writer.Complete();
        }

        Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(final));
    }

    private static SourceDocument Document(int ordinal) =>
        new(ordinal, "text", "a.txt", ordinal, $"book {ordinal}", Url: null, PublicationDate: null);
}
