using System.Diagnostics;
using System.Text;
using UltraLLaDA.Data.Tokenization;
using Xunit.Abstractions;

using UltraLLaDA.Data.Tests.Support;

namespace UltraLLaDA.Data.Tests.Tokenization;

/// <summary>
/// Prints encode throughput (MB of UTF-8 per second) on the PG19 sample with one and two workers.
/// A report, not a test: it asserts nothing about time and runs only when asked, e.g.
/// <c>ULTRALLADA_TOKENIZER_THROUGHPUT=1 dotnet test tests/UltraLLaDA.Data.Tests -c Release
/// --filter "FullyQualifiedName~ThroughputReport" --logger "console;verbosity=detailed"</c>.
/// </summary>
public sealed class ThroughputReport(ITestOutputHelper output)
{
    [ThroughputFact]
    public void Encode_throughput_with_one_and_two_workers()
    {
        var books = Directory.GetFiles(Path.Combine(TestPaths.Pg19SamplePath, "train"), "*.txt").Order().Select(File.ReadAllText).ToArray();
        var megabytes = books.Sum(b => (double)Encoding.UTF8.GetByteCount(b)) / 1e6;
        foreach (var name in (string[])["o200k", "llama3", "qwen3"])
        {
            if (name != "o200k" && !File.Exists(TestPaths.TokenizerJson(name)))
                continue;
            var prototype = TestTokenizers.Get(name);
            // Warm-up until the JIT has tiered up the hot loops; then the best of three runs, since
            // other work on a shared machine only ever makes a run slower. MB per CPU-second shows
            // contention between workers (it would drop with two) even when the machine is busy.
            for (var i = 0; i < 3; i++)
                Measure(prototype, books, 1);
            var one = Enumerable.Range(0, 3).Select(_ => Measure(prototype, books, 1)).MinBy(r => r.Wall);
            var two = Enumerable.Range(0, 3).Select(_ => Measure(prototype, books, 2)).MinBy(r => r.Wall);
            output.WriteLine(
                $"{name}: 1 worker {megabytes / one.Wall:F1} MB/s ({megabytes / one.Cpu:F1} MB per CPU-second); "
                + $"2 workers {2 * megabytes / two.Wall:F1} MB/s together ({2 * megabytes / two.Cpu:F1} MB per CPU-second), "
                + $"{one.Wall / two.Wall * 2:F2}x; {megabytes:F1} MB of books, {Environment.ProcessorCount} cores");
        }
    }

    // Wall and process CPU seconds for each of `workers` workers to encode every book once, all at the same time.
    private static (double Wall, double Cpu) Measure(ITextTokenizer prototype, string[] books, int workers)
    {
        var tokenizers = Enumerable.Range(0, workers).Select(_ => prototype.CreateWorker()).ToArray();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, worker =>
        {
            var ids = new TokenBuffer(1 << 20);
            foreach (var book in books)
            {
                ids.Clear();
                tokenizers[worker].Encode(book, ids);
            }
        });
        return (stopwatch.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
    }
}

/// <summary>Runs only when ULTRALLADA_TOKENIZER_THROUGHPUT=1 and the PG19 sample is present.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ThroughputFactAttribute : FactAttribute
{
    public override string Skip
    {
        get
        {
            if (Environment.GetEnvironmentVariable("ULTRALLADA_TOKENIZER_THROUGHPUT") != "1")
                return "throughput report: set ULTRALLADA_TOKENIZER_THROUGHPUT=1 to run it";
            return Directory.Exists(Path.Combine(TestPaths.Pg19SamplePath, "train")) ? null! : $"{TestPaths.Pg19SamplePath} is missing";
        }
        set => base.Skip = value;
    }
}
