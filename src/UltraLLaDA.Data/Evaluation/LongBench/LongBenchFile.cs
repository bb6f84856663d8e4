namespace UltraLLaDA.Data.Evaluation.LongBench;

/// <summary>A <c>DATASET.jsonl</c> read and checked: its rows and its fingerprint.</summary>
/// <param name="Path">The file, as given.</param>
/// <param name="Sha256">The file's SHA-256 (lowercase hex).</param>
/// <param name="Rows">Its rows, in file order.</param>
public sealed record LongBenchFile(string Path, string Sha256, IReadOnlyList<LongBenchRow> Rows);
