using System.Security.Cryptography;
using UltraLLaDA.Data.Evaluation;
using UltraLLaDA.Data.Evaluation.LongBench;
using UltraLLaDA.Data.Tests.Support;
using UltraLLaDA.Data.Tests.Tokenization;

namespace UltraLLaDA.Data.Tests.Evaluation.LongBench;

public class LongBenchSetMakerTests
{
    /// <summary>The test files' rows filled in by hand (the templates of config/dataset2prompt.json), by dataset and line.</summary>
    private static string Expected(LongBenchRow row) => row.Dataset switch
    {
        "hotpotqa" => "Answer the question based on the given passages. Only give me the answer and do not output any other words.\n\nThe following are given passages.\n" + row.Context
            + "\n\nAnswer the question based on the given passages. Only give me the answer and do not output any other words.\n\nQuestion: " + row.Input + "\nAnswer:",
        "multifieldqa_zh" => "阅读以下文字并用中文简短回答：\n\n" + row.Context + "\n\n现在请基于上面的文章回答下面的问题，只告诉我答案，不要输出任何其他字词。\n\n问题：" + row.Input + "\n回答：",
        "trec" => "Please determine the type of the question below. Here are some examples of questions.\n\n" + row.Context + "\n" + row.Input,
        "lcc" => "Please complete the code given below. \n" + row.Context + "Next line of code:\n",
        _ => throw new ArgumentException(row.Dataset),
    };

    [RequiresTokenizerTheory("llama3", "qwen3", "gpt4o", "deepseek_v3")]
    [InlineData("llama3")]
    [InlineData("qwen3")]
    [InlineData("gpt4o")]
    [InlineData("deepseek_v3")]
    public async Task Every_prompt_is_its_filled_template_cut_to_at_most_the_max_length_with_the_real_tokenizers(string name)
    {
        await CheckSetAsync(name, 16384);
        await CheckSetAsync(name, 301);
    }

    [Theory]
    [InlineData("o200k", 16384)]
    [InlineData("o200k", 255)]
    [InlineData("bytes", 1024)]
    public async Task Every_prompt_is_its_filled_template_cut_to_at_most_the_max_length(string name, int maxLength) => await CheckSetAsync(name, maxLength);

    [Fact]
    public async Task The_set_opens_and_its_rows_carry_what_the_scorer_needs()
    {
        using var temp = new TempDirectory();
        var index = await LongBenchSetMaker.MakeAsync(LongBenchTestSets.Options(temp.Combine("set")), EvalTestTokenizers.Load("o200k"));
        using var set = LongBenchSet.Open(temp.Combine("set"));
        Assert.Equal(9, set.Records.Count);
        Assert.Equal(["multifieldqa_zh", "hotpotqa", "trec", "lcc"], set.Index.Datasets.Select(d => d.Dataset));
        Assert.Equal(17, set.Index.Skipped.Count);
        Assert.Equal(index.Records, set.Index.Records);
        Assert.Equal(16384, set.Index.MaxLength);
        Assert.Contains("no chat template", set.Index.Truncation, StringComparison.Ordinal);

        var trec = set.Records.Where(r => r.Dataset == "trec").ToList();
        Assert.Equal(["Abbreviation"], trec[0].Answers);
        Assert.Equal(8, trec[0].AllClasses!.Count);
        Assert.Equal((LongBenchMetricNames.Classification, 64, true, LongBenchCategories.FewShot, 1, "made-up-trec-0"), (trec[0].Metric, trec[0].MaxNewTokens, trec[0].FirstLineOnly, trec[0].Category, trec[0].Line, trec[0].Id));
        var zh = set.Records.Where(r => r.Dataset == "multifieldqa_zh").ToList();
        Assert.Equal((LongBenchMetricNames.QaF1Chinese, 64, "zh", false), (zh[1].Metric, zh[1].MaxNewTokens, zh[1].Language, zh[1].FirstLineOnly));
        Assert.Equal(["七个", "7个"], zh[1].Answers);
        Assert.Null(zh[1].AllClasses);
        var lcc = set.Records.First(r => r.Dataset == "lcc");
        Assert.Equal((LongBenchMetricNames.CodeSimilarity, LongBenchCategories.Code, 64), (lcc.Metric, lcc.Category, lcc.MaxNewTokens));
        // LongBench's README order (single-document QA, multifieldqa_zh among it, before multi-document QA), then file order.
        Assert.Equal(["multifieldqa_zh", "multifieldqa_zh", "hotpotqa", "hotpotqa", "hotpotqa", "trec", "trec", "lcc", "lcc"], set.Records.Select(r => r.Dataset));
        Assert.Equal(Enumerable.Range(0, 9), set.Records.Select(r => r.Index));

        foreach (var file in set.Index.Datasets)
        {
            var path = Path.Combine(LongBenchTestSets.Folder, file.Dataset + ".jsonl");
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), file.Sha256);
            Assert.Equal(File.ReadAllLines(path).Length, file.Rows);
            Assert.Equal(file.Rows, file.Prompts);
            Assert.Equal(LongBenchTemplates.For(file.Dataset), file.Template);
            Assert.Equal($"len-16384/{file.Dataset}.ulds", file.Shard);
        }
    }

    [Fact]
    public async Task Same_files_and_settings_give_the_same_bytes()
    {
        using var temp = new TempDirectory();
        var tokenizer = EvalTestTokenizers.Load("o200k");
        await LongBenchSetMaker.MakeAsync(LongBenchTestSets.Options(temp.Combine("a"), maxLength: 301), tokenizer);
        await LongBenchSetMaker.MakeAsync(LongBenchTestSets.Options(temp.Combine("b"), maxLength: 301), tokenizer.CreateWorker());
        var files = Directory.GetFiles(temp.Combine("a"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(temp.Combine("a"), f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["len-301/hotpotqa.ulds", "len-301/lcc.ulds", "len-301/multifieldqa_zh.ulds", "len-301/trec.ulds", "longbench.json", "longbench.jsonl"], files);
        foreach (var file in files)
            Assert.Equal(File.ReadAllBytes(Path.Combine(temp.Combine("a"), file)), File.ReadAllBytes(Path.Combine(temp.Combine("b"), file)));
    }

    [Theory]
    [InlineData("en", "hotpotqa,trec,lcc", 13)]
    [InlineData("zh", "multifieldqa_zh", 4)]
    [InlineData("all", "multifieldqa_zh,hotpotqa,trec,lcc", 17)]
    [InlineData("lcc,trec", "trec,lcc", 0)]
    [InlineData("zh,lcc", "multifieldqa_zh,lcc", 4)]
    [InlineData("trec,trec", "trec", 0)]
    public async Task Datasets_are_selected_by_name_or_language_and_absent_ones_of_a_group_are_skipped(string asked, string made, int skipped)
    {
        using var temp = new TempDirectory();
        var index = await LongBenchSetMaker.MakeAsync(LongBenchTestSets.Options(temp.Combine("set"), datasets: asked.Split(',')), EvalTestTokenizers.Load("o200k"));
        Assert.Equal(made.Split(','), index.Datasets.Select(d => d.Dataset));
        Assert.Equal(skipped, index.Skipped.Count);
        Assert.All(index.Skipped, s => Assert.Equal($"no {s.Dataset}.jsonl in {LongBenchTestSets.Folder}", s.Reason));
        if (asked == "zh")
            Assert.Equal(["dureader", "vcsum", "lsht", "passage_retrieval_zh"], index.Skipped.Select(s => s.Dataset));
    }

    [Fact]
    public async Task An_unknown_or_absent_named_dataset_and_bad_settings_are_refused_before_anything_is_written()
    {
        using var temp = new TempDirectory();
        var tokenizer = EvalTestTokenizers.Load("o200k");
        var output = temp.Combine("set");
        var unknown = await Assert.ThrowsAsync<EvalSetException>(() => LongBenchSetMaker.MakeAsync(LongBenchTestSets.Options(output, datasets: ["trec", "hotpot_qa"]), tokenizer));
        Assert.Equal(EvalSetting.Datasets, unknown.Setting);
        Assert.StartsWith("dataset 'hotpot_qa' is not one of LongBench's datasets (en, zh, all or a name: narrativeqa, qasper,", unknown.Message, StringComparison.Ordinal);
        Assert.EndsWith("lcc, repobench-p)", unknown.Message, StringComparison.Ordinal);

        var absent = await Assert.ThrowsAsync<EvalSetException>(() => LongBenchSetMaker.MakeAsync(LongBenchTestSets.Options(output, datasets: ["zh", "musique"]), tokenizer));
        Assert.Equal($"dataset musique: {Path.Combine(LongBenchTestSets.Folder, "musique.jsonl")} not found", absent.Message);

        var none = await Assert.ThrowsAsync<EvalSetException>(() => LongBenchSetMaker.MakeAsync(LongBenchTestSets.Options(output, input: temp.Path), tokenizer));
        Assert.Contains("none of those asked for has its file in", none.Message, StringComparison.Ordinal);
        var missing = await Assert.ThrowsAsync<EvalSetException>(() => LongBenchSetMaker.MakeAsync(LongBenchTestSets.Options(output, input: temp.Combine("nowhere")), tokenizer));
        Assert.Contains("no such folder", missing.Message, StringComparison.Ordinal);
        var length = await Assert.ThrowsAsync<EvalSetException>(() => LongBenchSetMaker.MakeAsync(LongBenchTestSets.Options(output, maxLength: 1), tokenizer));
        Assert.Equal((EvalSetting.MaxLength, "max length 1: must be at least 2 (a cut prompt keeps max-length/2 tokens from each end)"), (length.Setting, length.Message));
        var rows = await Assert.ThrowsAsync<EvalSetException>(() => LongBenchSetMaker.MakeAsync(LongBenchTestSets.Options(output) with { MaxRows = 0 }, tokenizer));
        Assert.Equal(EvalSetting.MaxRows, rows.Setting);

        // A bad row in any selected file stops the run before the output folder is made.
        var input = LongBenchTestSets.CopyWith(temp.Combine("bad"), "trec", """{"input": "Q", "context": "C", "answers": ["A"], "length": 1, "dataset": "trec", "language": "en", "all_classes": ["A"], "_id": "t"}""", """{"input": "Q", "context": "C", "answers": ["A"], "length": 1, "dataset": "trec", "language": "en", "all_classes": [], "_id": "t"}""");
        var bad = await Assert.ThrowsAsync<EvalSetException>(() => LongBenchSetMaker.MakeAsync(LongBenchTestSets.Options(output, input: input), tokenizer));
        Assert.StartsWith(Path.Combine(input, "trec.jsonl") + ":2: field \"all_classes\" is empty", bad.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task Max_rows_makes_the_first_rows_of_each_file_and_a_set_is_only_replaced_with_overwrite()
    {
        using var temp = new TempDirectory();
        var tokenizer = EvalTestTokenizers.Load("o200k");
        var output = temp.Combine("set");
        var index = await LongBenchSetMaker.MakeAsync(LongBenchTestSets.Options(output) with { MaxRows = 1 }, tokenizer);
        Assert.Equal(4, index.Records);
        Assert.Equal(1, index.MaxRows);
        Assert.Equal([2, 3, 2, 2], index.Datasets.Select(d => d.Rows));
        Assert.All(index.Datasets, d => Assert.Equal(1, d.Prompts));

        var refused = await Assert.ThrowsAsync<EvalSetException>(() => LongBenchSetMaker.MakeAsync(LongBenchTestSets.Options(output, maxLength: 512), tokenizer));
        Assert.Equal((EvalSetting.Output, EvalSetting.Overwrite), (refused.Setting, refused.Remedy));
        await LongBenchSetMaker.MakeAsync(LongBenchTestSets.Options(output, maxLength: 512) with { Overwrite = true }, tokenizer);
        using var set = LongBenchSet.Open(output);
        Assert.Equal(9, set.Records.Count);
        Assert.False(Directory.Exists(Path.Combine(output, "len-16384")));
    }

    [Fact]
    public async Task A_set_whose_rows_and_shards_disagree_is_refused_naming_the_row()
    {
        using var temp = new TempDirectory();
        var output = temp.Combine("set");
        await LongBenchSetMaker.MakeAsync(LongBenchTestSets.Options(output, maxLength: 301), EvalTestTokenizers.Load("o200k"));
        var rowsPath = Path.Combine(output, LongBenchSetIndex.RecordsFileName);
        var lines = File.ReadAllLines(rowsPath);
        var first = System.Text.Json.Nodes.JsonNode.Parse(lines[0])!;
        var length = (int)first["length"]!;
        Assert.True(length < 300);

        // A length the padded record does not hold: refused when the prompt is read.
        first["length"] = length + 1;
        File.WriteAllLines(rowsPath, [first.ToJsonString(), .. lines[1..]]);
        using (var set = LongBenchSet.Open(output))
        {
            var error = Assert.Throws<EvalSetException>(() => set.Prompt(set.Records[0]));
            Assert.Contains($"record 0 holds a prompt of {length} tokens, its row says {length + 1}", error.Message, StringComparison.Ordinal);
        }

        // Longer than the set's max length, or pointing past the shard: refused on opening, naming the line.
        first["length"] = 302;
        File.WriteAllLines(rowsPath, [first.ToJsonString(), .. lines[1..]]);
        Assert.Equal($"{rowsPath}:1: a prompt of 302 tokens, over the set's 301", Assert.Throws<EvalSetException>(() => LongBenchSet.Open(output)).Message);
        first["length"] = length;
        first["record"] = 9;
        File.WriteAllLines(rowsPath, [first.ToJsonString(), .. lines[1..]]);
        Assert.StartsWith($"{rowsPath}:1: record 9 of len-301/multifieldqa_zh.ulds is not a prompt of {length} tokens", Assert.Throws<EvalSetException>(() => LongBenchSet.Open(output)).Message, StringComparison.Ordinal);
    }

    /// <summary>Makes the test files' set and checks every prompt against its hand-filled template, tokenized and cut as pred.py cuts.</summary>
    private static async Task CheckSetAsync(string name, int maxLength)
    {
        using var temp = new TempDirectory();
        var tokenizer = EvalTestTokenizers.Load(name);
        await LongBenchSetMaker.MakeAsync(LongBenchTestSets.Options(temp.Combine("set"), name, maxLength), tokenizer);
        using var set = LongBenchSet.Open(temp.Combine("set"));
        Assert.Equal(9, set.Records.Count);
        var truncated = 0;
        foreach (var record in set.Records)
        {
            var file = await LongBenchFileReader.ReadAsync(Path.Combine(LongBenchTestSets.Folder, record.Dataset + ".jsonl"), LongBenchDatasets.Find(record.Dataset)!);
            var row = file.Rows.Single(r => r.Line == record.Line);
            var full = EvalTestTokenizers.Encode(tokenizer, Expected(row));
            var half = maxLength / 2;
            uint[] expected = full.Length <= maxLength ? full : [.. full[..half], .. full[^half..]];
            var prompt = set.Prompt(record);
            Assert.Equal(expected, prompt);
            Assert.Equal(prompt.Length, record.Length);
            Assert.True(record.Length <= maxLength, $"{record.Dataset}:{record.Line}: {record.Length} > {maxLength}");
            Assert.Equal((full.Length, full.Length > maxLength), (record.PromptTokens, record.Truncated));
            Assert.Equal(row.Answers, record.Answers);
            truncated += record.Truncated ? 1 : 0;
        }

        Assert.Equal(truncated, set.Index.Datasets.Sum(d => d.Truncated));
        if (maxLength < 400)
            Assert.True(truncated >= 2, $"{name} at {maxLength}: only {truncated} prompts were cut");
    }
}
