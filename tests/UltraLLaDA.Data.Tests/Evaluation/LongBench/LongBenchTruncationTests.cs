using System.Text;
using UltraLLaDA.Data.Evaluation.LongBench;
using UltraLLaDA.Data.Tests.Support;

namespace UltraLLaDA.Data.Tests.Evaluation.LongBench;

public class LongBenchTruncationTests
{
    private const string HotpotQaStart = "Answer the question based on the given passages. Only give me the answer and do not output any other words.\n\nThe following are given passages.\n";
    private const string HotpotQaEnd = "\n\nAnswer the question based on the given passages. Only give me the answer and do not output any other words.\n\nQuestion: Which passage is the last?\nAnswer:";

    [Fact]
    public void A_long_prompt_keeps_its_first_and_last_halves_and_a_short_one_is_kept_whole()
    {
        uint[] ids = [.. Enumerable.Range(0, 10).Select(i => (uint)i)];
        Assert.Equal([0u, 1, 2, 7, 8, 9], LongBenchTruncation.Cut(ids, 6));

        // pred.py's half = int(max_length/2): an odd max length keeps max_length - 1 tokens.
        Assert.Equal([0u, 1, 2, 7, 8, 9], LongBenchTruncation.Cut(ids, 7));
        Assert.Same(ids, LongBenchTruncation.Cut(ids, 10));
        Assert.Same(ids, LongBenchTruncation.Cut(ids, 11));
        Assert.Throws<ArgumentOutOfRangeException>(() => LongBenchTruncation.Cut(ids, 1));
    }

    [Theory]
    [InlineData("o200k", 1000)]
    [InlineData("o200k", 1001)]
    [InlineData("bytes", 777)]
    public async Task A_hand_made_long_row_is_cut_to_the_two_halves_of_its_whole_tokenization(string name, int maxLength)
    {
        using var temp = new TempDirectory();
        var context = new StringBuilder();
        for (var i = 1; i <= 400; i++)
            context.Append("Passage ").Append(i).Append(":\nThe bell of tower ").Append(i).Append(" rang at dawn.\n\n");
        var row = $$"""{"input": "Which passage is the last?", "context": {{System.Text.Json.JsonSerializer.Serialize(context.ToString())}}, "answers": ["Passage 400"], "length": 3200, "dataset": "hotpotqa", "language": "en", "all_classes": null, "_id": "long"}""";
        var input = Directory.CreateDirectory(temp.Combine("in")).FullName;
        await File.WriteAllTextAsync(Path.Combine(input, "hotpotqa.jsonl"), row + "\n");

        var tokenizer = EvalTestTokenizers.Load(name);
        await LongBenchSetMaker.MakeAsync(LongBenchTestSets.Options(temp.Combine("set"), name, maxLength, input: input), tokenizer);

        var full = EvalTestTokenizers.Encode(tokenizer, HotpotQaStart + context + HotpotQaEnd);
        Assert.True(full.Length > 2 * maxLength);
        var half = maxLength / 2;
        uint[] expected = [.. full[..half], .. full[^half..]];
        using var set = LongBenchSet.Open(temp.Combine("set"));
        var record = Assert.Single(set.Records);
        Assert.Equal((2 * half, full.Length, true), (record.Length, record.PromptTokens, record.Truncated));
        Assert.Equal(expected, set.Prompt(record));
        Assert.Equal(1, set.Index.Datasets[0].Truncated);
    }
}
