using System.Text;
using UltraLLaDA.Data.Sources;

using UltraLLaDA.Data.Tests.Support;

namespace UltraLLaDA.Data.Tests.Sources;

/// <summary>
/// Partitions and resume must give the documents of a whole read, with the same ordinals, in every layout.
/// </summary>
public sealed class PartitionAndResumeTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string> Layouts => new() { "parquet", "jsonl", "txt" };

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task Partitions_together_give_exactly_the_whole_split(string layout)
    {
        string root = await MakeInputAsync(layout);
        var whole = await DocumentSources.Open(root, "train").ReadAllAsync();
        Assert.Equal(Enumerable.Range(0, whole.Count).Select(i => (long)i), whole.Select(d => d.Ordinal));

        for (int count = 1; count <= 4; count++)
        {
            var parts = new List<SourceDocument>();
            for (int index = 0; index < count; index++)
            {
                var source = DocumentSources.Open(root, "train", new PartitionSpec(index, count));
                var part = await source.ReadAllAsync();
                Assert.All(part, d => Assert.True(source.Partition.IncludesFile(FileIndex(source, d))));
                parts.AddRange(part);
            }

            Assert.Equal(Key(whole), Key(parts.OrderBy(d => d.Ordinal)));
        }
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task Resuming_at_any_ordinal_gives_the_rest(string layout)
    {
        string root = await MakeInputAsync(layout);
        var whole = await DocumentSources.Open(root, "train").ReadAllAsync();

        for (int start = 0; start <= whole.Count + 1; start++)
        {
            Assert.Equal(Key(whole.Skip(start)), Key(await DocumentSources.Open(root, "train").ReadAllAsync(start)));
            var partition = new PartitionSpec(1, 2);
            var source = DocumentSources.Open(root, "train", partition);
            var expected = whole.Where(d => d.Ordinal >= start && partition.IncludesFile(FileIndex(source, d)));
            Assert.Equal(Key(expected), Key(await source.ReadAllAsync(start)));
        }
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task Counting_agrees_with_reading(string layout)
    {
        string root = await MakeInputAsync(layout);
        var source = DocumentSources.Open(root, "train", new PartitionSpec(0, 3));
        var documents = await source.ReadAllAsync();
        var whole = await DocumentSources.Open(root, "train").ReadAllAsync();

        Assert.Equal(whole.Count, await source.CountDocumentsAsync());
        Assert.Equal(documents.Count, source.Stats.Documents);
        Assert.Equal(source.Files.Count, source.Stats.FilesRead + source.Stats.FilesCounted + TrailingFilesNotInPartition(source));
    }

    [Fact]
    public async Task A_negative_start_is_refused()
    {
        var source = DocumentSources.Open(TestPaths.Fixture("txt"), "train");
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => source.ReadAllAsync(-1));
    }

    [Fact]
    public async Task Cancellation_stops_the_read()
    {
        using var cancel = new CancellationTokenSource();
        var source = DocumentSources.Open(TestPaths.Fixture("txt"), "train");
        int read = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var document in source.WithCancellation(cancel.Token))
            {
                read++;
                await cancel.CancelAsync();
            }
        });
        Assert.Equal(1, read);
    }

    private static int FileIndex(IDocumentSource source, SourceDocument document) =>
        source.Files.Select(f => f.RelativePath).ToList().IndexOf(document.Source);

    private static int TrailingFilesNotInPartition(IDocumentSource source) =>
        Enumerable.Range(0, source.Files.Count).Reverse().TakeWhile(i => !source.Partition.IncludesFile(i)).Count();

    private static List<(long, string?, string, long)> Key(IEnumerable<SourceDocument> documents) =>
        [.. documents.Select(d => (d.Ordinal, d.Text, d.Source, d.Row))];

    /// <summary>Seven files of uneven sizes (one with no documents), so that partitions and starts cut anywhere.</summary>
    private async Task<string> MakeInputAsync(string layout)
    {
        int[] sizes = [3, 1, 0, 4, 2, 1, 5];
        for (int f = 0; f < sizes.Length; f++)
        {
            switch (layout)
            {
                case "parquet":
                    // Row groups of two, so that starts cut inside and between row groups.
                    var groups = ParquetTestFile.Rows($"f{f}-", sizes[f]).Chunk(2).ToArray();
                    await ParquetTestFile.WriteAsync(_temp.Combine($"train-{f:D5}.parquet"), groups.Length == 0 ? [[]] : groups);
                    break;
                case "jsonl":
                    var lines = new StringBuilder(f % 2 == 0 ? "\n" : "");
                    for (int i = 0; i < sizes[f]; i++)
                        lines.Append($"{{\"text\":\"f{f}-{i}\"}}").Append(i % 2 == 0 ? "\r\n" : "\n  \n");
                    _temp.Write($"train/{f:D2}.jsonl", lines.ToString());
                    break;
                default:
                    if (sizes[f] > 0)
                        _temp.Write($"train/{f}.txt", $"book {f}");
                    break;
            }
        }

        return _temp.Path;
    }
}
