using UltraLLaDA.Data.Evaluation.LongBench;

namespace UltraLLaDA.Data.Tests.Evaluation.LongBench;

public class LongBenchTemplatesTests
{
    /// <summary>config/dataset2maxlen.json of LongBench v1 (the 21-dataset version), copied by hand.</summary>
    private static readonly Dictionary<string, int> _dataset2maxlen = new(StringComparer.Ordinal)
    {
        ["narrativeqa"] = 128,
        ["qasper"] = 128,
        ["multifieldqa_en"] = 64,
        ["multifieldqa_zh"] = 64,
        ["hotpotqa"] = 32,
        ["2wikimqa"] = 32,
        ["musique"] = 32,
        ["dureader"] = 128,
        ["gov_report"] = 512,
        ["qmsum"] = 512,
        ["multi_news"] = 512,
        ["vcsum"] = 512,
        ["trec"] = 64,
        ["triviaqa"] = 32,
        ["samsum"] = 128,
        ["lsht"] = 64,
        ["passage_count"] = 32,
        ["passage_retrieval_en"] = 32,
        ["passage_retrieval_zh"] = 32,
        ["lcc"] = 64,
        ["repobench-p"] = 64,
    };

    [Fact]
    public void Every_dataset_has_a_template_with_its_context_and_LongBench_s_generation_length()
    {
        Assert.Equal(LongBenchDatasets.All.Select(d => d.Name).Order(StringComparer.Ordinal), LongBenchTemplates.All.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(21, LongBenchTemplates.All.Count);
        foreach (var dataset in LongBenchDatasets.All)
        {
            var template = LongBenchTemplates.For(dataset.Name);
            Assert.Contains("{context}", template, StringComparison.Ordinal);
            Assert.Equal(_dataset2maxlen[dataset.Name], dataset.MaxNewTokens);
        }

        // The datasets with no question put none in their template (their rows' input is empty).
        foreach (var name in new[] { "gov_report", "multi_news", "vcsum", "passage_count", "lcc" })
            Assert.DoesNotContain("{input}", LongBenchTemplates.For(name), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => LongBenchTemplates.For("passkey_retrieval"));
    }

    [Theory]
    [InlineData("narrativeqa", "You are given a story, which can be either a novel or a movie script, and a question. Answer the question as concisely as you can, using a single phrase if possible. Do not provide any explanation.\n\nStory: C\n\nNow, answer the question based on the story as concisely as you can, using a single phrase if possible. Do not provide any explanation.\n\nQuestion: I\n\nAnswer:")]
    [InlineData("hotpotqa", "Answer the question based on the given passages. Only give me the answer and do not output any other words.\n\nThe following are given passages.\nC\n\nAnswer the question based on the given passages. Only give me the answer and do not output any other words.\n\nQuestion: I\nAnswer:")]
    [InlineData("multifieldqa_zh", "阅读以下文字并用中文简短回答：\n\nC\n\n现在请基于上面的文章回答下面的问题，只告诉我答案，不要输出任何其他字词。\n\n问题：I\n回答：")]
    [InlineData("trec", "Please determine the type of the question below. Here are some examples of questions.\n\nC\nI")]
    [InlineData("lcc", "Please complete the code given below. \nCNext line of code:\n")]
    [InlineData("repobench-p", "Please complete the code given below. \nCINext line of code:\n")]
    [InlineData("passage_retrieval_zh", "以下是若干段落文字，以及其中一个段落的摘要。请确定给定的摘要出自哪一段。\n\nC\n\n下面是一个摘要\n\nI\n\n请输入摘要所属段落的编号。答案格式必须是\"段落1\"，\"段落2\"等格式\n\n答案是：")]
    [InlineData("passage_count", "There are some paragraphs below sourced from Wikipedia. Some of them may be duplicates. Please carefully read these paragraphs and determine how many unique paragraphs there are after removing duplicates. In other words, how many non-repeating paragraphs are there in total?\n\nC\n\nPlease enter the final count of unique paragraphs after removing duplicates. The output format should only contain the number, such as 1, 2, 3, and so on.\n\nThe final answer is: ")]
    [InlineData("vcsum", "下面有一段会议记录，请你阅读后，写一段总结，总结会议的内容。\n会议记录：\nC\n\n会议总结：")]
    public void A_template_filled_with_a_row_is_the_hand_written_text(string dataset, string expected)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal) { ["context"] = "C", ["input"] = "I" };
        Assert.Equal(expected, LongBenchPromptFormat.Fill(LongBenchTemplates.For(dataset), fields));
    }

    [Fact]
    public void The_fill_follows_python_str_format()
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal) { ["context"] = "f(\"{x}\") {{y}}", ["input"] = "}", ["length"] = "12" };

        // Doubled braces in the template are single braces; braces in a substituted value are left alone.
        Assert.Equal("{f(\"{x}\") {{y}}} } 12", LongBenchPromptFormat.Fill("{{{context}}} {input} {length}", fields));
        Assert.Equal("no fields", LongBenchPromptFormat.Fill("no fields", fields));
        Assert.Contains("single '}'", Assert.Throws<FormatException>(() => LongBenchPromptFormat.Fill("a } b", fields)).Message, StringComparison.Ordinal);
        Assert.Contains("never closed", Assert.Throws<FormatException>(() => LongBenchPromptFormat.Fill("a {context", fields)).Message, StringComparison.Ordinal);
        Assert.Contains("'answer'", Assert.Throws<FormatException>(() => LongBenchPromptFormat.Fill("{answer}", fields)).Message, StringComparison.Ordinal);
        foreach (var unsupported in new[] { "{}", "{0}", "{context!r}", "{context:>9}", "{context[0]}" })
            Assert.Contains("only named fields", Assert.Throws<FormatException>(() => LongBenchPromptFormat.Fill(unsupported, fields)).Message, StringComparison.Ordinal);
    }
}
