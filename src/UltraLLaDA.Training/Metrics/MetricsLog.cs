using System.Text.Json;

namespace UltraLLaDA.Training.Metrics;

/// <summary>
/// metrics.jsonl: one JSON line per update, flushed as written. Opening for a run resumed at step N keeps
/// the lines of steps 1..N and drops any later ones (written after that checkpoint by the interrupted run),
/// so the file is always one consistent history.
/// </summary>
public sealed class MetricsLog : IDisposable
{
    private readonly StreamWriter _writer;

    private MetricsLog(string path, StreamWriter writer)
    {
        FilePath = path;
        _writer = writer;
    }

    public string FilePath { get; }

    public static MetricsLog Open(string path, long keepThroughStep)
    {
        var kept = File.Exists(path) ? Read(path).Where(m => m.Step <= keepThroughStep).ToList() : [];
        var writer = new StreamWriter(path, append: false) { AutoFlush = true };
        foreach (var line in kept)
            writer.WriteLine(JsonSerializer.Serialize(line, TrainingJsonContext.Default.StepMetrics));
        return new MetricsLog(path, writer);
    }

    public static List<StepMetrics> Read(string path) =>
        File.ReadLines(path)
            .Where(l => !string.IsNullOrWhiteSpace(l))
            .Select(l => JsonSerializer.Deserialize(l, TrainingJsonContext.Default.StepMetrics)!)
            .ToList();

    public void Write(StepMetrics metrics) =>
        _writer.WriteLine(JsonSerializer.Serialize(metrics, TrainingJsonContext.Default.StepMetrics));

    public void Dispose() => _writer.Dispose();
}
