using UltraLLaDA.Data.Evaluation;
using UltraLLaDA.Training.Data;
using UltraLLaDA.Training.Evaluation;
using UltraLLaDA.Training.Model;
using UltraLLaDA.Training.Tests.Support;
using static TorchSharp.torch;

namespace UltraLLaDA.Training.Tests.Evaluation;

public class PplSetEvaluatorTests
{
    [Fact]
    public async Task Each_row_equals_masked_perplexity_on_the_same_window()
    {
        using var temp = new TempDirectory();
        var set = PplSet.Open(await EvalSets.PplAsync(temp.Combine("ppl"), [64, 128, 256]));
        manual_seed(11);
        using var model = new LladaModel(ModelPresets.Tiny.ForData(set.Index.Tokenizer.VocabSize));
        model.InitializeWeights();

        var report = PplSetEvaluator.Evaluate(model, set, "tiny", null, samples: 4, seed: 5, CPU);

        Assert.Equal([64, 128, 256], report.Rows.Select(r => r.Length));
        foreach (var row in report.Rows)
        {
            var window = set.Index.Windows.Single(w => w.Length == row.Length);
            using var dataset = ShardDataset.Open(set.WindowFolder(window));
            var direct = MaskedPerplexity.Evaluate(model, dataset, row.Length, dataset.Layout, 4, 0, 5, CPU);
            Assert.Equal(1, direct.Windows);
            Assert.Equal(direct.NllPerToken, row.NllPerToken);
            Assert.Equal(direct.Perplexity, row.Perplexity);
            Assert.Equal(direct.Tokens, row.Tokens);
            Assert.Equal(4, row.Samples);
            Assert.True(row.StandardError > 0 && row.StandardError < row.NllPerToken, $"standard error {row.StandardError}");
            Assert.True(row.PerplexityLow < row.Perplexity && row.Perplexity < row.PerplexityHigh);
        }

        // The windows are prefixes of one text: the 64-token window is the start of the 256-token one.
        using var small = ShardDataset.Open(set.WindowFolder(set.Index.Windows[0]));
        using var large = ShardDataset.Open(set.WindowFolder(set.Index.Windows[2]));
        Assert.Equal(small.Read(0).Tokens.ToArray(), large.Read(0).Tokens[..64].ToArray());
    }

    [Fact]
    public async Task A_set_in_another_tokenizer_than_the_model_s_data_is_refused()
    {
        using var temp = new TempDirectory();
        var set = PplSet.Open(await EvalSets.PplAsync(temp.Combine("ppl"), [64]));
        using var model = new LladaModel(ModelPresets.Tiny.ForData(set.Index.Tokenizer.VocabSize));
        var other = new DataRequirements("o200k_base", "abc", 200019, 4096);
        var error = Assert.Throws<TrainingConfigException>(() => PplSetEvaluator.Evaluate(model, set, "tiny", other, 2, 1, CPU));
        Assert.Contains("make the set with --tokenizer of the model", error.Message, StringComparison.Ordinal);
    }
}
