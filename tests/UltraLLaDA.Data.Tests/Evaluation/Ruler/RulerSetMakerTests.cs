using System.Text.RegularExpressions;
using UltraLLaDA.Data.Evaluation;
using UltraLLaDA.Data.Evaluation.Ruler;
using UltraLLaDA.Data.Tests.Support;
using UltraLLaDA.Data.Tests.Tokenization;

namespace UltraLLaDA.Data.Tests.Evaluation.Ruler;

public partial class RulerSetMakerTests
{
    private static readonly int[] _paperLengths = [4096, 8192, 16384, 32768];

    [RequiresTokenizerTheory("llama3", "qwen3", "gpt4o", "deepseek_v3")]
    [InlineData("llama3")]
    [InlineData("qwen3")]
    [InlineData("gpt4o")]
    [InlineData("deepseek_v3")]
    public async Task Every_task_at_every_paper_length_is_exactly_L_tokens_with_the_real_tokenizers(string name) =>
        await CheckSetAsync(name, _paperLengths);

    [Theory]
    [InlineData("o200k", 1500)]
    [InlineData("bytes", 2000)]
    public async Task Small_lengths_are_exact_too(string name, int length) => await CheckSetAsync(name, [length, 3000]);

    [Fact]
    public async Task Same_seed_gives_the_same_bytes_and_another_seed_other_answers()
    {
        using var temp = new TempDirectory();
        var tokenizer = EvalTestTokenizers.Load("o200k");
        await RulerSetMaker.MakeAsync(RulerTestSets.Options(temp.Combine("a"), "o200k", [2048], 2, seed: 5), tokenizer);
        await RulerSetMaker.MakeAsync(RulerTestSets.Options(temp.Combine("b"), "o200k", [2048], 2, seed: 5), tokenizer.CreateWorker());
        await RulerSetMaker.MakeAsync(RulerTestSets.Options(temp.Combine("c"), "o200k", [2048], 2, seed: 6), tokenizer.CreateWorker());
        var files = Directory.GetFiles(temp.Combine("a"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(temp.Combine("a"), f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(3, files.Count);
        foreach (var file in files)
        {
            var a = File.ReadAllText(Path.Combine(temp.Combine("a"), file)).Replace(temp.Combine("a"), "OUT", StringComparison.Ordinal);
            var b = File.ReadAllText(Path.Combine(temp.Combine("b"), file)).Replace(temp.Combine("b"), "OUT", StringComparison.Ordinal);
            Assert.Equal(a, b);
        }

        Assert.Equal(File.ReadAllBytes(Path.Combine(temp.Combine("a"), files[0])), File.ReadAllBytes(Path.Combine(temp.Combine("b"), files[0])));
        using var setA = RulerSet.Open(temp.Combine("a"));
        using var setC = RulerSet.Open(temp.Combine("c"));
        var synthetic = setA.Records.Where(r => !r.Task.StartsWith("qa", StringComparison.Ordinal)).Select(r => string.Join("|", r.Answers)).ToList();
        Assert.NotEqual(synthetic, setC.Records.Where(r => !r.Task.StartsWith("qa", StringComparison.Ordinal)).Select(r => string.Join("|", r.Answers)).ToList());
    }

    [Fact]
    public async Task A_prompt_does_not_depend_on_which_other_tasks_lengths_or_samples_are_asked_for()
    {
        using var temp = new TempDirectory();
        var tokenizer = EvalTestTokenizers.Load("o200k");
        await RulerSetMaker.MakeAsync(RulerTestSets.Options(temp.Combine("all"), "o200k", [1500, 2048], 2), tokenizer);
        await RulerSetMaker.MakeAsync(RulerTestSets.Options(temp.Combine("one"), "o200k", [2048], 1) with { Tasks = ["vt", "niah_multikey_2"] }, tokenizer);
        using var all = RulerSet.Open(temp.Combine("all"));
        using var one = RulerSet.Open(temp.Combine("one"));
        foreach (var row in one.Records)
        {
            var same = all.Records.Single(r => r.Task == row.Task && r.Length == 2048 && r.Sample == 0);
            Assert.Equal(same.Answers, row.Answers);
            Assert.Equal(all.Prompt(same), one.Prompt(row));
        }
    }

    [Fact]
    public async Task Without_qa_files_the_qa_tasks_are_skipped_and_the_index_says_so_and_asking_for_them_is_refused()
    {
        using var temp = new TempDirectory();
        var tokenizer = EvalTestTokenizers.Load("o200k");
        var index = await RulerSetMaker.MakeAsync(RulerTestSets.Options(temp.Combine("a"), "o200k", [1500], qa: false), tokenizer);
        Assert.Equal(11, index.Tasks.Count);
        Assert.Equal(["qa_1", "qa_2"], index.Skipped.Select(s => s.Task));
        Assert.Contains("SQuAD", index.Skipped[0].Reason, StringComparison.Ordinal);
        Assert.Contains("\"skipped\"", File.ReadAllText(Path.Combine(temp.Combine("a"), RulerSetIndex.FileName)), StringComparison.Ordinal);

        var refused = await Assert.ThrowsAsync<EvalSetException>(() => RulerSetMaker.MakeAsync(RulerTestSets.Options(temp.Combine("b"), "o200k", [1500], qa: false) with { Tasks = ["qa_1"] }, tokenizer));
        Assert.Equal((EvalSetting.Tasks, EvalSetting.Squad), (refused.Setting, refused.Remedy));
        var unknown = await Assert.ThrowsAsync<EvalSetException>(() => RulerSetMaker.MakeAsync(RulerTestSets.Options(temp.Combine("c"), "o200k", [1500]) with { Tasks = ["niah_single_9"] }, tokenizer));
        Assert.Contains("'niah_single_9' is not one of RULER's tasks", unknown.Message, StringComparison.Ordinal);
        var many = await Assert.ThrowsAsync<EvalSetException>(() => RulerSetMaker.MakeAsync(RulerTestSets.Options(temp.Combine("d"), "o200k", [1500], samples: 7), tokenizer));
        Assert.Contains("squad-mini.json: holds 6 answerable questions", many.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(temp.Combine("d"), RulerSetIndex.FileName)));
    }

    [Fact]
    public async Task Prompts_use_rulers_templates_counts_and_answer_prefixes()
    {
        using var temp = new TempDirectory();
        var tokenizer = EvalTestTokenizers.Load("o200k");
        await RulerSetMaker.MakeAsync(RulerTestSets.Options(temp.Combine("a"), "o200k", [4096], 2), tokenizer);
        using var set = RulerSet.Open(temp.Combine("a"));
        string Text(RulerRecord r) => tokenizer.Decode(set.Prompt(r));
        foreach (var row in set.Records)
        {
            var text = Text(row);
            switch (row.Task)
            {
                case "niah_single_1" or "niah_single_2" or "niah_multikey_1" or "niah_multikey_2":
                    Assert.StartsWith("A special magic number is hidden within the following text. Make sure to memorize it. I will quiz you about the number afterwards.\n", text, StringComparison.Ordinal);
                    Assert.Matches(@"\nWhat is the special magic number for [a-z]+-[a-z]+ mentioned in the provided text\? The special magic number for [a-z]+-[a-z]+ mentioned in the provided text is$", text);
                    Assert.Contains($"One of the special magic numbers for {Key(text)} is: {row.Answers[0]}.", text, StringComparison.Ordinal);
                    break;
                case "niah_single_3":
                    Assert.StartsWith("A special magic uuid is hidden", text, StringComparison.Ordinal);
                    Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", row.Answers[0]);
                    break;
                case "niah_multikey_3":
                    Assert.Matches(@"\nWhat is the special magic uuid for [0-9a-f\-]{36} mentioned in the provided text\?", text);
                    Assert.True(Regex.Count(text, "One of the special magic uuids for ") > 20, "a needle haystack is made of needles");
                    break;
                case "niah_multivalue":
                    Assert.StartsWith("Some special magic numbers are hidden", text, StringComparison.Ordinal);
                    Assert.Equal(4, row.Answers.Count);
                    Assert.EndsWith("The special magic numbers for " + Key(text) + " mentioned in the provided text are", text, StringComparison.Ordinal);
                    break;
                case "niah_multiquery":
                    Assert.Equal(4, row.Answers.Count);
                    Assert.Matches(@"What are all the special magic numbers for [a-z]+-[a-z]+, [a-z]+-[a-z]+, [a-z]+-[a-z]+, and [a-z]+-[a-z]+ mentioned", text);
                    break;
                case "vt":
                    Assert.Equal(5, row.Answers.Count);
                    var value = Regex.Match(text, @"assigned the value (\d{5}) in the text above\. Answer: According to the chain\(s\) of variable assignment in the text above, 5 variables are assgined the value \1, they are: $").Groups[1].Value;
                    Assert.NotEmpty(value);
                    var at = text.LastIndexOf("Memorize and track", StringComparison.Ordinal);
                    Assert.True(at > 0, "the solved example comes first");
                    var main = text[at..];
                    var chain = new[] { $"VAR {row.Answers[0]} = {value}" }.Concat(Enumerable.Range(1, 4).Select(j => $"VAR {row.Answers[j]} = VAR {row.Answers[j - 1]}")).ToList();
                    var places = chain.Select(c => main.IndexOf(c, StringComparison.Ordinal)).ToList();
                    Assert.All(places, p => Assert.True(p > 0));
                    Assert.Equal(places.Order(), places);
                    break;
                case "cwe":
                    Assert.Equal(10, row.Answers.Count);
                    var list = text[text.LastIndexOf("Below is a numbered list", StringComparison.Ordinal)..];
                    foreach (var word in row.Answers)
                        Assert.Equal(30, Regex.Count(list, $@"\d+\. {word}(?= |\n)"));
                    Assert.EndsWith("Question: What are the 10 most common words in the above list? Answer: The top 10 words that appear most often in the list are:", text, StringComparison.Ordinal);
                    Assert.True(row.Items > 10);
                    break;
                case "fwe":
                    Assert.Equal(3, row.Answers.Count);
                    var counts = row.Answers.Select(w => Regex.Count(text, $@"(?<= ){w}(?= |\n)")).ToList();
                    Assert.True(counts[0] > counts[1] && counts[1] > counts[2] && counts[2] > 0, string.Join(",", counts));
                    break;
                default:
                    Assert.Contains("Answer the question based on the given documents.", text, StringComparison.Ordinal);
                    Assert.EndsWith(" Answer:", text, StringComparison.Ordinal);
                    Assert.Contains("Document 1:\n", text, StringComparison.Ordinal);
                    break;
            }
        }

        var squad = set.Records.Where(r => r.Task == "qa_1").ToList();
        Assert.Equal(["Miriam Okafor", "the engineer Miriam Okafor"], squad[0].Answers);
        Assert.Contains("Question: Who built the Tall Harbour lighthouse? Answer:", Text(squad[0]), StringComparison.Ordinal);
        Assert.Equal(["paraffin"], squad[1].Answers);
        var hotpot = set.Records.First(r => r.Task == "qa_2");
        Assert.Equal(["the Varne"], hotpot.Answers);
        Assert.Contains("Edda Lunde\nEdda Lunde (1861-1930) was a painter of seascapes. She was born in Holmstad.", Text(hotpot), StringComparison.Ordinal);
    }

    [Fact]
    public void The_qa_readers_follow_rulers_and_name_the_record_at_fault()
    {
        var squad = QaFileReader.ReadSquad(RulerTestSets.Squad);
        Assert.Equal(6, squad.Questions.Count);
        Assert.DoesNotContain(squad.Questions, q => q.Query.Contains("painted", StringComparison.Ordinal));
        Assert.Equal(5, squad.Documents.Count);
        Assert.Equal(squad.Documents.Order(StringComparer.Ordinal), squad.Documents);
        var first = squad.Questions[0];
        Assert.Single(first.Documents);
        Assert.StartsWith("The Tall Harbour", squad.Documents[first.Documents[0]], StringComparison.Ordinal);
        Assert.Single(first.Related);
        Assert.StartsWith("A second light", squad.Documents[first.Related[0]], StringComparison.Ordinal);

        var hotpot = QaFileReader.ReadHotpotQa(RulerTestSets.HotpotQa);
        Assert.Equal(3, hotpot.Questions.Count);
        Assert.Equal(9, hotpot.Documents.Count); // "Holmstad" appears in two questions: one document.
        Assert.Equal(4, hotpot.Questions[0].Documents.Count);

        using var temp = new TempDirectory();
        var bad = temp.Combine("bad.json");
        File.WriteAllText(bad, """{"data":[{"paragraphs":[{"context":"c","qas":[{"question":"q","answers":[{"start":1}]}]}]}]}""");
        var e = Assert.Throws<EvalSetException>(() => QaFileReader.ReadSquad(bad));
        Assert.Equal($"{bad}: data[0].paragraphs[0].qas[0].answers[0] has no \"text\" string", e.Message);
        File.WriteAllText(bad, """[{"question":"q","answer":"a","context":[["t", "not a list"]]}]""");
        e = Assert.Throws<EvalSetException>(() => QaFileReader.ReadHotpotQa(bad));
        Assert.Equal($"{bad}: record 0: context[0] is not [title, [sentences]]", e.Message);
    }

    private static string Key(string text) => KeyPattern().Match(text).Groups[1].Value;

    [GeneratedRegex(@"special magic numbers? for ([a-z]+-[a-z]+) mentioned")]
    private static partial Regex KeyPattern();

    private static async Task CheckSetAsync(string name, int[] lengths)
    {
        using var temp = new TempDirectory();
        var tokenizer = EvalTestTokenizers.Load(name);
        var index = await RulerSetMaker.MakeAsync(RulerTestSets.Options(temp.Combine("set"), name, lengths), tokenizer);
        Assert.Equal(13, index.Tasks.Count);
        using var set = RulerSet.Open(temp.Combine("set"));
        Assert.Equal(13 * lengths.Length, set.Records.Count);
        foreach (var row in set.Records)
        {
            var prompt = set.Prompt(row);
            Assert.Equal(row.Length, prompt.Length);
            var text = tokenizer.Decode(prompt);
            Assert.Equal(prompt, EvalTestTokenizers.Encode(tokenizer, text));
            Assert.All(row.Answers.Where(_ => !row.Task.StartsWith("qa", StringComparison.Ordinal)), a => Assert.Contains(a, text, StringComparison.Ordinal));
        }

        Assert.Equal(lengths, set.Records.Select(r => r.Length).Distinct());
        Assert.Equal(RulerTasks.All.Select(t => t.Name), set.Records.Where(r => r.Length == lengths[0]).Select(r => r.Task));
    }
}
