using System.Text.Json;
using SkiaSharp;
using UltraLLaDA.Data.Evaluation.LongBench;
using UltraLLaDA.Data.Tokenization;
using UltraLLaDA.Training.Evaluation.LongBench;
using UltraLLaDA.Training.Model;
using UltraLLaDA.Training.Sampling;
using UltraLLaDA.Training.Tests.Support;

namespace UltraLLaDA.Training.Tests.Evaluation.LongBench;

public class LongBenchEvaluatorTests
{
    private static readonly SamplerOptions _sampler = new() { GenLength = 64, BlockLength = 64, Steps = 64 };

    [Fact]
    public async Task A_model_that_copies_the_answer_scores_100_and_one_that_answers_a_constant_scores_near_0()
    {
        using var temp = new TempDirectory();
        using var set = LongBenchSet.Open(await LongBenchSets.MakeAsync(temp.Path));
        Assert.Equal(21 * 2, set.Records.Count);
        var bytes = new Utf8ByteTokenizer();
        var answers = set.Records.ToDictionary(r => KnownPromptPredictor.Key(set.Prompt(r)), r => KnownPromptPredictor.Answer(r.Answers[0]));
        var copier = new KnownPromptPredictor(answers, [_sampler.GenLength]);
        var report = LongBenchEvaluator.Run(set, copier, bytes, _sampler, "copier", 10000);
        Assert.Equal(42, report.Prompts.Count);
        Assert.All(report.Prompts, p => Assert.Equal(p.Answers[0], p.Output));
        // ROUGE-L F of a copy is 2 / (2 + 1e-8) in the package, so a summary scores 0.99999999, not 1.
        Assert.All(report.Prompts, p => Assert.True(p.Score > 0.9999999, $"{p.Dataset}: {p.Score}"));
        Assert.All(report.Datasets, d => Assert.Equal((2, 100.0), (d.Prompts, d.Score)));
        var row = report.Table;
        Assert.Equal((42, 100.0, 100.0, 100.0, 100.0, 100.0, 100.0, 100.0), (row.Prompts, row.Avg, row.Sd, row.Md, row.Sum, row.Icl, row.Syn, row.Code));

        // "no" is in no reference and holds no number; only code similarity gives it a little (fuzz.ratio of one shared letter).
        var constant = new KnownPromptPredictor(answers.ToDictionary(a => a.Key, _ => KnownPromptPredictor.Answer("no")), [_sampler.GenLength]);
        var bad = LongBenchEvaluator.Run(set, constant, bytes, _sampler, "constant", 10000);
        Assert.All(bad.Prompts.Where(p => p.Category != LongBenchCategories.Code), p => Assert.Equal(0, p.Score));
        Assert.Equal((0.0, 0.0, 0.0, 0.0, 0.0), (bad.Table.Sd, bad.Table.Md, bad.Table.Sum, bad.Table.Icl, bad.Table.Syn));
        Assert.True(bad.Table.Code < 15 && bad.Table.Avg < 2, $"Code {bad.Table.Code}, AVG {bad.Table.Avg}");
    }

    [Fact]
    public async Task Datasets_and_prompts_per_dataset_can_be_chosen_and_unknown_ones_are_refused()
    {
        using var temp = new TempDirectory();
        using var set = LongBenchSet.Open(await LongBenchSets.MakeAsync(temp.Path, rows: 3));
        var bytes = new Utf8ByteTokenizer();
        var answers = set.Records.ToDictionary(r => KnownPromptPredictor.Key(set.Prompt(r)), r => KnownPromptPredictor.Answer(r.Answers[0]));
        var copier = new KnownPromptPredictor(answers, [_sampler.GenLength]);
        var run = new LongBenchRunOptions { Datasets = ["trec", "narrativeqa"], MaxPromptsPerDataset = 2 };
        var report = LongBenchEvaluator.Run(set, copier, bytes, _sampler, "copier", 10000, run);
        // In the set's order (narrativeqa first), two prompts each.
        Assert.Equal(["narrativeqa", "narrativeqa", "trec", "trec"], report.Prompts.Select(p => p.Dataset));
        Assert.Equal(["narrativeqa", "trec"], report.Datasets.Select(d => d.Dataset));
        Assert.True(double.IsNaN(report.Table.Md), "no multi-document QA prompt was run");
        Assert.Equal(100, report.Table.Sd);

        var unknown = Assert.Throws<TrainingConfigException>(() => LongBenchEvaluator.Run(set, copier, bytes, _sampler, "copier", 10000, run with { Datasets = ["nq"] }));
        Assert.Contains("'nq' is not a LongBench dataset", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Per_dataset_lengths_run_each_dataset_at_its_longbench_length_with_the_same_steps_per_token()
    {
        using var temp = new TempDirectory();
        using var set = LongBenchSet.Open(await LongBenchSets.MakeAsync(temp.Path, rows: 1));
        var bytes = new Utf8ByteTokenizer();
        var answers = set.Records.ToDictionary(r => KnownPromptPredictor.Key(set.Prompt(r)), r => KnownPromptPredictor.Answer(r.Answers[0]));
        var copier = new KnownPromptPredictor(answers, [32, 64, 128, 512]);
        var paper = new SamplerOptions { GenLength = 512, BlockLength = 64, Steps = 512 };
        var report = LongBenchEvaluator.Run(set, copier, bytes, paper, "copier", 10000, new LongBenchRunOptions { GenLengths = LongBenchGenLengths.Dataset });
        foreach (var record in set.Records)
            Assert.Equal(record.MaxNewTokens, copier.GenLengthOf[KnownPromptPredictor.Key(set.Prompt(record))]);
        Assert.Equal(set.Records.Select(r => r.MaxNewTokens), report.Prompts.Select(p => p.GenLength));
        Assert.Equal(100, report.Table.Avg);

        // 32 tokens with block min(64, 32) = 32 and 512/512 steps per token: 32 steps in one block.
        var hotpot = LongBenchDatasets.Find("hotpotqa")!;
        Assert.Equal((32, 32, 32), Tuple(LongBenchSampling.For(paper, hotpot, LongBenchGenLengths.Dataset)));
        Assert.Equal((128, 64, 128), Tuple(LongBenchSampling.For(paper, LongBenchDatasets.Find("narrativeqa")!, LongBenchGenLengths.Dataset)));
        Assert.Same(paper, LongBenchSampling.For(paper, hotpot, LongBenchGenLengths.Paper));
        // A block that does not divide 64, or half a step per token on 32 tokens, is refused before anything runs.
        var block = Assert.Throws<TrainingConfigException>(() => LongBenchEvaluator.Run(set, copier, bytes, new SamplerOptions { GenLength = 96, BlockLength = 48, Steps = 96 }, "c", 1, new LongBenchRunOptions { GenLengths = LongBenchGenLengths.Dataset }));
        Assert.Contains("narrativeqa: its LongBench length 128 is not a multiple of --block-length 48", block.Message, StringComparison.Ordinal);
        var steps = Assert.Throws<TrainingConfigException>(() => LongBenchSampling.For(new SamplerOptions { GenLength = 64, BlockLength = 64, Steps = 1 }, hotpot, LongBenchGenLengths.Dataset));
        Assert.Contains("hotpotqa: 32 tokens at --steps 1 per --gen-length 64 is 0.5 steps", steps.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_row_the_metric_cannot_score_is_refused_before_anything_runs_naming_its_line()
    {
        using var temp = new TempDirectory();
        var folder = await LongBenchSets.MakeAsync(temp.Path, rows: 1);
        var rows = Path.Combine(folder, LongBenchSetIndex.RecordsFileName);
        var lines = File.ReadAllLines(rows);
        var line = Array.FindIndex(lines, l => l.Contains("\"Paragraph 2\"", StringComparison.Ordinal));
        lines[line] = lines[line].Replace("\"Paragraph 2\"", "\"the second one\"", StringComparison.Ordinal);
        File.WriteAllLines(rows, lines);
        using var set = LongBenchSet.Open(folder);
        var counting = new KnownPromptPredictor(new Dictionary<string, long[]>(), [_sampler.GenLength]);
        var error = Assert.Throws<TrainingConfigException>(() => LongBenchEvaluator.Run(set, counting, new Utf8ByteTokenizer(), _sampler, "m", 1));
        Assert.Equal($"{rows}:{line + 1}: retrieval_score needs a paragraph number in every answer ('Paragraph (\\d+)'), and 'the second one' has none", error.Message);
        Assert.Empty(counting.GenLengthOf);
        Assert.Null(LongBenchMetrics.Problem(LongBenchMetricNames.QaF1, ["x"], null));
        Assert.Contains("needs all_classes", LongBenchMetrics.Problem(LongBenchMetricNames.Classification, ["x"], null), StringComparison.Ordinal);
    }

    [Fact]
    public void Totals_are_means_over_prompts_so_a_bigger_dataset_weighs_more()
    {
        // narrativeqa: 3 prompts (1, 0.5, 0) -> 50; qasper: 1 prompt (1) -> 100. SD over the 4 prompts: 2.5 / 4 = 62.5
        // (the mean of the two dataset scores would be 75). hotpotqa: 0.25 -> MD 25. AVG: 2.75 / 5 = 55.
        LongBenchPromptResult[] results =
        [
            Result("narrativeqa", 1), Result("narrativeqa", 0.5), Result("narrativeqa", 0), Result("qasper", 1), Result("hotpotqa", 0.25),
        ];
        var row = LongBenchEvaluator.Table(results);
        Assert.Equal((5, 55.0, 62.5, 25.0), (row.Prompts, row.Avg, row.Sd, row.Md));
        Assert.True(new[] { row.Sum, row.Icl, row.Syn, row.Code }.All(double.IsNaN), "categories without prompts are NaN");
        Assert.Equal(50.0, LongBenchMetrics.DatasetScore(results.Where(r => r.Dataset == "narrativeqa").Select(r => r.Score)));
    }

    [Fact]
    public async Task The_report_json_has_the_sampler_the_table_the_datasets_and_every_prompt()
    {
        using var temp = new TempDirectory();
        using var set = LongBenchSet.Open(await LongBenchSets.MakeAsync(temp.Path, rows: 1));
        var answers = set.Records.ToDictionary(r => KnownPromptPredictor.Key(set.Prompt(r)), r => KnownPromptPredictor.Answer(r.Answers[0]));
        var sampler = _sampler with { ConfidenceDType = ConfidenceDType.Float64 };
        var report = LongBenchEvaluator.Run(set, new KnownPromptPredictor(answers, [64]), new Utf8ByteTokenizer(), sampler, "copier", 12345, new LongBenchRunOptions { Datasets = ["trec", "lcc"] });
        var json = JsonSerializer.Serialize(report, UltraLLaDA.Training.Cli.Commands.EvaluationJson.Options);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal("float64", root.GetProperty("sampler").GetProperty("confidence_d_type").GetString());
        Assert.Equal(64, root.GetProperty("sampler").GetProperty("gen_length").GetInt32());
        Assert.Equal("paper", root.GetProperty("gen_lengths").GetString());
        Assert.Equal(12345, root.GetProperty("rope_base").GetDouble());
        Assert.Equal(LongBenchSets.MaxLength, root.GetProperty("max_length").GetInt32());
        Assert.Equal(100, root.GetProperty("table").GetProperty("icl").GetDouble());
        Assert.Equal("NaN", root.GetProperty("table").GetProperty("sd").GetString());
        Assert.Equal(["trec", "lcc"], root.GetProperty("datasets").EnumerateArray().Select(d => d.GetProperty("dataset").GetString()));
        var prompt = root.GetProperty("prompts")[0];
        Assert.Equal("classification_score", prompt.GetProperty("metric").GetString());
        Assert.Equal(prompt.GetProperty("answers")[0].GetString(), prompt.GetProperty("scored").GetString());
        Assert.Contains(root.GetProperty("deviations").EnumerateArray(), d => d.GetString()!.Contains("jieba", StringComparison.Ordinal));
    }

    [Fact]
    public void The_chart_has_one_bar_per_dataset_run_grouped_by_category()
    {
        using var temp = new TempDirectory();
        var report = new LongBenchReport
        {
            Set = "set",
            Model = "m",
            RopeBase = 1,
            Sampler = new SamplerOptions(),
            GenLengths = LongBenchGenLengths.Paper,
            MaxLength = 16384,
            Skipped = [],
            Table = new LongBenchTableRow(6, 50, 40, double.NaN, double.NaN, 70, double.NaN, 20),
            Datasets =
            [
                new("narrativeqa", "SD", "en", "qa_f1_score", 2, 30), new("qasper", "SD", "en", "qa_f1_score", 2, 50),
                new("trec", "ICL", "en", "classification_score", 1, 70), new("lcc", "Code", "en", "code_sim_score", 0, double.NaN),
                new("repobench-p", "Code", "en", "code_sim_score", 1, 20),
            ],
            Prompts = [],
        };
        var png = temp.Combine("longbench.png");
        var bars = LongBenchChart.Write(report, png, "test");
        Assert.Equal(["narrativeqa", "qasper", "trec", "repobench-p"], bars.Select(b => b.Dataset));
        Assert.Equal(["SD", "SD", "ICL", "Code"], bars.Select(b => b.Category));
        // A gap between category groups: qasper at 1, trec at 2.6; lcc (no prompt) keeps its slot without a bar.
        Assert.Equal([0, 1, 2.6, 5.2], bars.Select(b => Math.Round(b.Position, 6)));
        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal((1200, 560), (bitmap.Width, bitmap.Height));
    }

    private static (int, int, int) Tuple(SamplerOptions o) => (o.GenLength, o.BlockLength, o.Steps);

    private static LongBenchPromptResult Result(string dataset, double score)
    {
        var d = LongBenchDatasets.Find(dataset)!;
        return new LongBenchPromptResult(0, dataset, d.Category, d.Metric, 10, false, 32, ["a"], "a", "a", score, 0);
    }
}
