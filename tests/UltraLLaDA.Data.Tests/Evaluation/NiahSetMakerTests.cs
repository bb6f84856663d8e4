using UltraLLaDA.Data.Evaluation;
using UltraLLaDA.Data.Formats.Ulds;
using UltraLLaDA.Data.Tests.Support;
using UltraLLaDA.Data.Tests.Tokenization;

namespace UltraLLaDA.Data.Tests.Evaluation;

public class NiahSetMakerTests
{
    private static readonly int[] _lengths = [700, 1000, 2048, 3001];
    private static readonly int[] _depths = [0, 10, 25, 50, 75, 90, 100];

    [Theory]
    [InlineData("o200k", 1)]
    [InlineData("bytes", 1)]
    [InlineData("tiny", 1)]
    [InlineData("o200k", 3)]
    [InlineData("bytes", 4)]
    public async Task Every_prompt_is_exactly_its_length_and_holds_the_needle_at_its_offsets(string tokenizer, int needles) =>
        await CheckSetAsync(tokenizer, needles);

    [RequiresTokenizerTheory("llama3", "qwen3", "deepseek_v3")]
    [InlineData("llama3")]
    [InlineData("qwen3")]
    [InlineData("deepseek_v3")]
    public async Task Real_tokenizers_give_exact_lengths_too(string tokenizer) => await CheckSetAsync(tokenizer, 2);

    [Fact]
    public async Task Same_seed_gives_the_same_bytes_and_another_seed_other_values()
    {
        using var temp = new TempDirectory();
        var tokenizer = EvalTestTokenizers.Load("o200k");
        await NiahSetMaker.MakeAsync(Options(temp.Combine("a"), "o200k", 7, 1), tokenizer);
        await NiahSetMaker.MakeAsync(Options(temp.Combine("b"), "o200k", 7, 1), tokenizer.CreateWorker());
        await NiahSetMaker.MakeAsync(Options(temp.Combine("c"), "o200k", 8, 1), tokenizer.CreateWorker());
        var files = Directory.GetFiles(temp.Combine("a"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(temp.Combine("a"), f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(2 + _lengths.Length, files.Count);
        foreach (var file in files)
            Assert.Equal(File.ReadAllBytes(Path.Combine(temp.Combine("a"), file)), File.ReadAllBytes(Path.Combine(temp.Combine("b"), file)));

        var answersA = NiahSet.Open(temp.Combine("a")).Records.Select(r => r.Answer).ToList();
        var answersC = NiahSet.Open(temp.Combine("c")).Records.Select(r => r.Answer).ToList();
        Assert.NotEqual(answersA, answersC);
    }

    [Fact]
    public async Task A_cell_does_not_depend_on_which_other_cells_are_asked_for()
    {
        using var temp = new TempDirectory();
        var tokenizer = EvalTestTokenizers.Load("bytes");
        await NiahSetMaker.MakeAsync(Options(temp.Combine("all"), "bytes", 3, 1), tokenizer);
        await NiahSetMaker.MakeAsync(Options(temp.Combine("one"), "bytes", 3, 1) with { Lengths = [1000], Depths = [50] }, tokenizer);
        using var all = NiahSet.Open(temp.Combine("all"));
        using var one = NiahSet.Open(temp.Combine("one"));
        var cell = all.Records.Single(r => r.Length == 1000 && r.Depth == 50);
        Assert.Equal(cell.Answer, one.Records[0].Answer);
        Assert.Equal(all.Prompt(cell), one.Prompt(one.Records[0]));
    }

    [Fact]
    public async Task Bad_requests_name_the_problem()
    {
        using var temp = new TempDirectory();
        var tokenizer = EvalTestTokenizers.Load("bytes");
        var tooLong = await Assert.ThrowsAsync<EvalSetException>(() => NiahSetMaker.MakeAsync(Options(temp.Combine("x"), "bytes", 1, 1) with { Lengths = [10_000_000] }, tokenizer));
        Assert.Contains("longer than the corpus", tooLong.Message, StringComparison.Ordinal);
        var depth = await Assert.ThrowsAsync<EvalSetException>(() => NiahSetMaker.MakeAsync(Options(temp.Combine("x"), "bytes", 1, 1) with { Depths = [50, 101] }, tokenizer));
        Assert.Contains("101 is outside 0–100", depth.Message, StringComparison.Ordinal);
        var slot = await Assert.ThrowsAsync<EvalSetException>(() => NiahSetMaker.MakeAsync(Options(temp.Combine("x"), "bytes", 1, 1) with { Templates = new NeedleTemplates("The number for {key} is secret.", EvalDefaults.QuestionTemplate) }, tokenizer));
        Assert.Contains("has no {value} slot", slot.Message, StringComparison.Ordinal);
        var leak = await Assert.ThrowsAsync<EvalSetException>(() => NiahSetMaker.MakeAsync(Options(temp.Combine("x"), "bytes", 1, 1) with { Templates = new NeedleTemplates(EvalDefaults.NeedleTemplate, "Is it {value}?") }, tokenizer));
        Assert.Contains("give the answer away", leak.Message, StringComparison.Ordinal);
        var tiny = await Assert.ThrowsAsync<EvalSetException>(() => NiahSetMaker.MakeAsync(Options(temp.Combine("x"), "bytes", 1, 1) with { Lengths = [50] }, tokenizer));
        Assert.Contains("too short for the needle(s) and the question", tiny.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Combine("x")) && Directory.EnumerateFileSystemEntries(temp.Combine("x")).Any());
    }

    private static NiahSetOptions Options(string output, string tokenizer, ulong seed, int needles) => new()
    {
        Input = new EvalInput(EvalTestTokenizers.MiniCorpus, "train"),
        TokenizerSpec = EvalTestTokenizers.Spec(tokenizer),
        Lengths = _lengths,
        Depths = _depths,
        Seed = seed,
        Needles = needles,
        Output = output,
    };

    private static async Task CheckSetAsync(string name, int needles)
    {
        using var temp = new TempDirectory();
        var tokenizer = EvalTestTokenizers.Load(name);
        var output = temp.Combine("niah");
        var index = await NiahSetMaker.MakeAsync(Options(output, name, 11, needles), tokenizer);
        Assert.Equal(_lengths.Length * _depths.Length, index.Records);

        using var set = NiahSet.Open(output);
        Assert.Equal(_lengths.Length, set.Index.Shards.Count);
        for (var i = 0; i < _lengths.Length; i++)
        {
            using var shard = ShardReader.Open(Path.Combine(output, set.Index.Shards[i]));
            Assert.Equal(_lengths[i], shard.Header.SeqLen);
            Assert.Equal(_depths.Length, shard.RecordCount);
            Assert.All(shard.Index, e => Assert.Equal((uint)_lengths[i], e.TokenCount));
        }

        foreach (var row in set.Records)
        {
            var prompt = set.Prompt(row);
            Assert.Equal(row.Length, prompt.Length);
            // The decoded prompt tokenizes back to the very same tokens: exact length whatever the merges at the joins.
            Assert.Equal(prompt, EvalTestTokenizers.Encode(tokenizer, tokenizer.Decode(prompt)));
            // The recorded offsets hold the needle's own tokens, and the question ends the prompt.
            Assert.Equal(EvalTestTokenizers.Encode(tokenizer, " " + row.Needle), prompt[row.NeedleStart..row.NeedleEnd]);
            Assert.Equal(EvalTestTokenizers.Encode(tokenizer, "\n" + row.Question), prompt[row.QuestionStart..]);
            Assert.Contains(row.Answer, row.Needle, StringComparison.Ordinal);
            Assert.Contains(row.Key, row.Question, StringComparison.Ordinal);
            // The value is in the prompt once: in its needle, never in the haystack.
            var text = tokenizer.Decode(prompt);
            Assert.Equal(text.IndexOf(row.Answer, StringComparison.Ordinal), text.LastIndexOf(row.Answer, StringComparison.Ordinal));
            Assert.InRange(row.NeedleEnd, row.NeedleStart + 1, row.QuestionStart);
            Assert.Equal(needles - 1, row.Distractors?.Count ?? 0);
            foreach (var distractor in row.Distractors ?? [])
            {
                Assert.Equal(EvalTestTokenizers.Encode(tokenizer, " " + EvalDefaults.NeedleTemplate.Replace("{key}", distractor.Key, StringComparison.Ordinal).Replace("{value}", distractor.Value, StringComparison.Ordinal)), prompt[distractor.NeedleStart..distractor.NeedleEnd]);
                Assert.NotEqual(row.Key, distractor.Key);
            }
        }

        if (needles > 1)
            return;

        // Depth 0 puts the needle at the start, depth 100 right before the question, 50 in the middle
        // (moved to a clean cut by at most a few percent).
        var longest = set.Records.Where(r => r.Length == _lengths[^1]).ToList();
        var first = longest.Single(r => r.Depth == 0);
        var last = longest.Single(r => r.Depth == 100);
        Assert.True(first.NeedleStart <= _lengths[^1] / 40 + 1, $"depth 0 needle at {first.NeedleStart}");
        Assert.True(last.QuestionStart - last.NeedleEnd <= _lengths[^1] / 40 + 1, $"depth 100 needle ends at {last.NeedleEnd}, question at {last.QuestionStart}");
        var middle = longest.Single(r => r.Depth == 50);
        Assert.InRange(middle.NeedleStart, _lengths[^1] * 0.40, _lengths[^1] * 0.55);
    }
}
