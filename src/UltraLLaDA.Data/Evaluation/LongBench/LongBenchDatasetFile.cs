namespace UltraLLaDA.Data.Evaluation.LongBench;

/// <summary>A dataset file a LongBench set was made from, and what became of its rows.</summary>
/// <param name="Dataset">The dataset (file stem).</param>
/// <param name="File">The file, as given.</param>
/// <param name="Sha256">The file's SHA-256 (lowercase hex).</param>
/// <param name="Rows">Rows read (the file's, all checked).</param>
/// <param name="Truncated">Rows whose prompt was cut in the middle to fit.</param>
/// <param name="Shard">The shard holding its prompts, relative to the set folder.</param>
public sealed record LongBenchDatasetFile(string Dataset, string File, string Sha256, int Rows, int Truncated, string Shard)
{
    /// <summary>Rows made into prompts: <see cref="Rows"/>, or the first max-rows of them when fewer were asked for.</summary>
    public int Prompts { get; init; }

    /// <summary>The dataset's prompt template (config/dataset2prompt.json's) the rows were filled into.</summary>
    public string? Template { get; init; }
}
