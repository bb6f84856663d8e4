using UltraLLaDA.Data.Sources;

namespace UltraLLaDA.Data.Tests.Sources;

public class PartitionSpecTests
{
    [Theory]
    [InlineData("0/1", 0, 1)]
    [InlineData("3/4", 3, 4)]
    [InlineData(" 1 / 2 ", 1, 2)]
    public void Parse_reads_index_and_count(string text, int index, int count)
    {
        var spec = PartitionSpec.Parse(text);
        Assert.Equal(index, spec.Index);
        Assert.Equal(count, spec.Count);
        Assert.Equal(spec, PartitionSpec.Parse(spec.ToString()));
    }

    [Theory]
    [InlineData("", "not of the form")]
    [InlineData("1", "not of the form")]
    [InlineData("a/b", "not of the form")]
    [InlineData("-1/2", "not of the form")]
    [InlineData("1/2/3", "not of the form")]
    [InlineData("0/0", "at least 1")]
    [InlineData("2/2", "0..1")]
    [InlineData("7/4", "0..3")]
    public void Parse_rejects_bad_text_with_a_clear_message(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => PartitionSpec.Parse(text));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{text}'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1, 2)]
    [InlineData(2, 2)]
    [InlineData(0, 0)]
    public void Constructor_rejects_out_of_range(int index, int count) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PartitionSpec(index, count));

    [Fact]
    public void Includes_every_Nth_file()
    {
        var spec = new PartitionSpec(1, 3);
        Assert.Equal([1, 4, 7], Enumerable.Range(0, 9).Where(spec.IncludesFile));
        Assert.All(Enumerable.Range(0, 9), i => Assert.True(PartitionSpec.Whole.IncludesFile(i)));
    }
}
