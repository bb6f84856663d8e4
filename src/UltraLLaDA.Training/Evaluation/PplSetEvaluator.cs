using UltraLLaDA.Data.Evaluation;
using UltraLLaDA.Training.Data;
using UltraLLaDA.Training.Model;
using static TorchSharp.torch;

namespace UltraLLaDA.Training.Evaluation;

/// <summary>
/// Masked perplexity over a PPL set (Table 1): each window is its own shard folder, evaluated by
/// <see cref="MaskedPerplexity"/> as one window of its full length, so a row equals what `eval-ppl --data` gives on
/// that folder with the same samples and seed.
/// </summary>
public static class PplSetEvaluator
{
    /// <param name="model">The model, RoPE base already set.</param>
    /// <param name="set">The set.</param>
    /// <param name="modelName">How the report names the model.</param>
    /// <param name="requirements">What the model's data was (a checkpoint's), to refuse a set of another tokenizer; null to skip.</param>
    /// <param name="samples">Monte-Carlo draws per window.</param>
    /// <param name="seed">Fixes every draw.</param>
    /// <param name="device">Where the model is.</param>
    /// <param name="progress">Called with each row as it is done.</param>
    public static PplTableReport Evaluate(LladaModel model, PplSet set, string modelName, DataRequirements? requirements, int samples, ulong seed, Device device, Action<PplTableRow>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(set);
        EvaluationChecks.SameTokenizer(set.Index.Tokenizer, requirements, model.Config, set.Folder);
        var rows = new List<PplTableRow>();
        foreach (var window in set.Index.Windows)
        {
            using var dataset = ShardDataset.Open(set.WindowFolder(window));
            var (report, draws) = MaskedPerplexity.EvaluateWithSamples(model, dataset, window.Length, dataset.Layout, samples, 0, seed, device);
            var values = draws[0];
            var mean = values.Average();
            var stderr = values.Length > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1) / values.Length) : double.NaN;
            var row = new PplTableRow(window.Length, report.Tokens, samples, report.NllPerToken, stderr, report.Perplexity,
                Math.Exp(report.NllPerToken - stderr), Math.Exp(report.NllPerToken + stderr), report.Seconds);
            rows.Add(row);
            progress?.Invoke(row);
        }

        var documents = set.Index.Documents;
        return new PplTableReport
        {
            Set = set.Folder,
            Model = modelName,
            RopeBase = model.Rope.Base,
            Text = documents.Count == 1
                ? $"document {documents[0].Ordinal} {documents[0].Id} '{documents[0].Title}' from token 0"
                : $"{documents.Count} documents joined, from token 0",
            Samples = samples,
            Seed = seed,
            Rows = rows,
        };
    }
}
