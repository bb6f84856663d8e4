using UltraLLaDA.Data.Sources;

namespace UltraLLaDA.Data.Tests.Sources;

/// <summary>A document's place in its input is worded as a person reads the file: line 1 is the first line.</summary>
public sealed class SourcePlaceTests
{
    [Theory]
    [InlineData("train.jsonl", 0, "train.jsonl:1")]
    [InlineData("data/train-0001.jsonl.zst", 41, "data/train-0001.jsonl.zst:42")]
    [InlineData("books.JSONL.GZ", 2, "books.JSONL.GZ:3")]
    [InlineData("train-00000-of-00001.parquet", 0, "train-00000-of-00001.parquet row 1")]
    [InlineData("train/10146.txt", 0, "train/10146.txt")]
    public void Names_the_file_and_the_one_based_line_or_row(string source, long row, string expected) =>
        Assert.Equal(expected, SourcePlace.Describe(source, row));
}
