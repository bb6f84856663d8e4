using UltraLLaDA.Data.Evaluation;
using UltraLLaDA.Data.Evaluation.LongBench;
using UltraLLaDA.Data.Tests.Support;

namespace UltraLLaDA.Data.Tests.Evaluation.LongBench;

public class LongBenchFileReaderTests
{
    private const string Good = """{"input": "Q?", "context": "C.", "answers": ["A"], "length": 1, "dataset": "hotpotqa", "language": "en", "all_classes": null, "_id": "x1"}""";

    [Fact]
    public async Task The_published_format_is_read_with_every_field()
    {
        var trec = await LongBenchFileReader.ReadAsync(Path.Combine(LongBenchTestSets.Folder, "trec.jsonl"), LongBenchDatasets.Find("trec")!);
        Assert.Equal(2, trec.Rows.Count);
        var row = trec.Rows[1];
        Assert.Equal((2, "Question: How many legs does a spider have?\nType:", "made-up-trec-1", "en"), (row.Line, row.Input, row.Id, row.Language));
        Assert.Equal(["Number of something"], row.Answers);
        Assert.Equal(8, row.AllClasses!.Count);
        Assert.Matches("^[0-9a-f]{64}$", trec.Sha256);

        var zh = await LongBenchFileReader.ReadAsync(Path.Combine(LongBenchTestSets.Folder, "multifieldqa_zh.jsonl"), LongBenchDatasets.Find("multifieldqa_zh")!);
        Assert.Equal(["七个", "7个"], zh.Rows[1].Answers);
        Assert.Null(zh.Rows[0].AllClasses);
        Assert.Equal("zh", zh.Rows[0].Language);
    }

    [Theory]
    [InlineData("""{"input": "Q?", "context": "C.", "answers": ["A"], "length": 1, "dataset": "hotpotqa", "language": "en", "all_classes": null""", "not valid JSON")]
    [InlineData("""["input", "context"]""", "not a JSON object")]
    [InlineData("""{"input": "Q?", "answers": ["A"], "length": 1, "dataset": "hotpotqa", "language": "en", "all_classes": null, "_id": "x"}""", "field \"context\" is missing")]
    [InlineData("""{"input": 5, "context": "C.", "answers": ["A"], "length": 1, "dataset": "hotpotqa", "language": "en", "all_classes": null, "_id": "x"}""", "field \"input\" is a number, not a string")]
    [InlineData("""{"input": "Q?", "context": "C.", "answers": [], "length": 1, "dataset": "hotpotqa", "language": "en", "all_classes": null, "_id": "x"}""", "field \"answers\" is empty")]
    [InlineData("""{"input": "Q?", "context": "C.", "answers": "A", "length": 1, "dataset": "hotpotqa", "language": "en", "all_classes": null, "_id": "x"}""", "field \"answers\" is a string, not a list of strings")]
    [InlineData("""{"input": "Q?", "context": "C.", "answers": ["A", 2], "length": 1, "dataset": "hotpotqa", "language": "en", "all_classes": null, "_id": "x"}""", "field \"answers\"[1] is a number, not a string")]
    [InlineData("""{"input": "Q?", "context": "C.", "answers": ["A"], "length": 1.5, "dataset": "hotpotqa", "language": "en", "all_classes": null, "_id": "x"}""", "field \"length\" is 1.5, not a non-negative integer")]
    [InlineData("""{"input": "Q?", "context": "C.", "answers": ["A"], "length": 1, "dataset": "musique", "language": "en", "all_classes": null, "_id": "x"}""", "field \"dataset\" is 'musique', but the file is hotpotqa's")]
    [InlineData("""{"input": "Q?", "context": "C.", "answers": ["A"], "length": 1, "dataset": "hotpotqa", "language": "en", "_id": "x"}""", "field \"all_classes\" is missing")]
    [InlineData("""{"input": "Q?", "context": "C.", "answers": ["A"], "length": 1, "dataset": "hotpotqa", "language": "en", "all_classes": null}""", "field \"_id\" is missing")]
    public async Task A_bad_row_is_refused_naming_the_file_the_line_and_the_field(string bad, string message)
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("hotpotqa.jsonl");

        // Line 3: a good row, a blank line, then the bad one.
        await File.WriteAllTextAsync(path, Good + "\n\n" + bad + "\n");
        var error = await Assert.ThrowsAsync<EvalSetException>(() => LongBenchFileReader.ReadAsync(path, LongBenchDatasets.Find("hotpotqa")!));
        Assert.StartsWith($"{path}:3: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_classification_row_needs_its_classes_and_an_empty_file_is_refused()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("trec.jsonl");
        await File.WriteAllTextAsync(path, Good.Replace("hotpotqa", "trec", StringComparison.Ordinal) + "\n");
        var error = await Assert.ThrowsAsync<EvalSetException>(() => LongBenchFileReader.ReadAsync(path, LongBenchDatasets.Find("trec")!));
        Assert.Equal($"{path}:1: field \"all_classes\" is null; trec is scored by classification_score against its class list", error.Message);

        await File.WriteAllTextAsync(path, "\n\n");
        error = await Assert.ThrowsAsync<EvalSetException>(() => LongBenchFileReader.ReadAsync(path, LongBenchDatasets.Find("trec")!));
        Assert.Equal($"{path}: holds no rows", error.Message);
    }
}
