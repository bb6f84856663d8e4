using System.Text.Json;
using Spectre.Console;

namespace UltraLLaDA.Data.Cli.Bench;

/// <summary>Prints the bench's measurements as a table, checks them against the performance targets, and saves them as JSON.</summary>
internal static class BenchReport
{
    public static bool Print(IReadOnlyList<BenchMeasurements> results, string command)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"ultrallada-data bench, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        table.AddColumn("measure");
        foreach (var r in results)
            table.AddColumn(new TableColumn(Markup.Escape($"{r.Corpus} ({r.TextMegabytes:N0} MB)\n{r.Tokenizer}")).RightAligned());
        void Row(string name, Func<BenchMeasurements, string> value) => table.AddRow([Markup.Escape(name), .. results.Select(r => Markup.Escape(value(r)))]);

        Row("machine load average (1 min)", r => r.LoadAverage is double load ? $"{load:N1}" : "-");
        Row("tokenizer cold, 1 thread (MB/s)", r => $"{r.TokenizerColdMegabytesPerSecond:N1}");
        Row("tokenizer cold, all threads (MB/s)", r => $"{r.TokenizerColdAllThreadsMegabytesPerSecond:N1} ({r.Workers})");
        Row("tokenizer warm, 1 thread (MB/s)", r => $"{r.TokenizerMegabytesPerSecond:N1}");
        Row("tokenizer warm, 1 thread (tokens/s)", r => $"{r.TokenizerTokensPerSecond / 1e6:N2}M");
        Row("tokenizer warm, all threads (MB/s)", r => $"{r.TokenizerAllThreadsMegabytesPerSecond:N1} ({r.Workers})");
        Row("pack job, 1 worker (MB/s)", r => $"{r.PackOneWorkerMegabytesPerSecond:N1}");
        Row("pack job, all workers (MB/s)", r => $"{r.PackAllWorkersMegabytesPerSecond:N1} ({r.Workers})");
        Row("pack, all workers, per core (MB/s)", r => $"{r.PackMegabytesPerCore:N1}");
        Row("CPU-s per 100 MB: tokenizer cold, 1 thread", r => $"{r.TokenizerColdCpuSecondsPer100Megabytes:N2}");
        Row("CPU-s per 100 MB: pack, 1 worker", r => $"{r.PackOneWorkerCpuSecondsPer100Megabytes:N2}");
        Row("CPU-s per 100 MB: pack, all workers", r => $"{r.PackAllWorkersCpuSecondsPer100Megabytes:N2}");
        foreach (var (stage, pick) in (ReadOnlySpan<(string, Func<StageCpuBreakdown, double>)>)[
                     ("tokenize", b => b.Tokenize), ("pack", b => b.Pack), ("compress", b => b.Compress), ("write", b => b.Write),
                     ("read, decode, runtime (rest)", b => b.ReadAndRuntime)])
            Row($"  {stage}, 1 / all workers", r => $"{pick(r.PackOneWorkerStageCpu):N2} / {pick(r.PackAllWorkersStageCpu):N2}");
        Row("  JIT compiling / GC pauses during it (wall s per 100 MB)", r => $"{r.PackAllWorkersJitSecondsPer100Megabytes:N2} / {r.PackAllWorkersGcPauseSecondsPer100Megabytes:N2}");
        Row("pack / (workers x tokenizer), tokenizer cold, as many threads", r => $"{r.PackEfficiency:N2}");
        Row("CPU: tokenizer cold / pack all workers", r => $"{r.PackCpuEfficiency:N2}");
        Row("pack / (workers x tokenizer), tokenizer warm", r => $"{r.PackEfficiencyWarm:N2}");
        Row("pack 1 worker / tokenizer cold", r => $"{r.PackOneWorkerEfficiency:N2}");
        Row("pack all / pack 1 worker", r => $"{r.PackScaling:N2}x");
        Row("peer sample: ours cold, 1 / all threads (MB/s)", r => $"{r.PeerSampleOursMegabytesPerSecond:N1} / {r.PeerSampleOursAllThreadsMegabytesPerSecond:N1}");
        Row("peer sample: HF tokenizers, 1 thread (MB/s)", r => r.Peers.HuggingFace.OneThread is double v ? $"{v:N2}" : "-");
        Row("peer sample: HF tokenizers encodeBatch (MB/s)", r => r.Peers.HuggingFace.Batch is double v ? $"{v:N2} ({r.Workers})" : "-");
        Row("peer sample: tiktoken, 1 thread (MB/s)", r => r.Peers.Tiktoken.OneThread is double v ? $"{v:N2}" : "-");
        Row("pack all workers / HF encodeBatch", r => r.PackOverHuggingFaceBatch is double v ? $"{v:N1}x" : "-");
        Row("start to first token, cached / uncached (s)", r => $"{r.FirstTokenSeconds:N2} / {r.FirstTokenUncachedSeconds:N2}");
        Row("  CPU of that process, cached / uncached (s)", r => $"{r.FirstTokenCpuSeconds:N2} / {r.FirstTokenUncachedCpuSeconds:N2}");
        Row("shard read, 1 thread (records/s)", r => $"{r.ReadRecordsPerSecond:N0}");
        Row("shard read, 1 thread (MB/s payload)", r => $"{r.ReadMegabytesPerSecond:N0}");
        Row("shards / raw uint32 tokens", r => $"{(double)r.ShardBytes / r.RawTokenBytes:P1}");
        Row("shards / zstd -3 of tokens", r => $"{r.ShardOverZstd3:N3}");
        Row("peak RSS of pack (MB)", r => r.PeakRssMegabytes is double m ? $"{m:N0}" : "-");
        Row("peak RSS at larger corpus (MB)", r => r.PeakRssScaledMegabytes is double m ? $"{m:N0} ({r.RssScale}x)" : "-");
        AnsiConsole.Write(table);

        var targets = new Table().Border(TableBorder.Simple).Title("targets");
        targets.AddColumns("target", "measured", "met");
        var allMet = true;
        foreach (var r in results)
        {
            void Target(string name, double value, bool met, string format)
            {
                allMet &= met;
                targets.AddRow(Markup.Escape($"{r.Corpus}: {name}"), value.ToString(format, System.Globalization.CultureInfo.InvariantCulture), met ? "[green]yes[/]" : "[red]no[/]");
            }

            Target("tokenizer cold 1 thread >= 20 MB/s", r.TokenizerColdMegabytesPerSecond, r.TokenizerColdMegabytesPerSecond >= 20, "N1");
            Target("pack >= 20 MB/s per core end to end", r.PackMegabytesPerCore, r.PackMegabytesPerCore >= 20, "N1");
            Target("pack >= 0.75 x tokenizer alone, as many threads", r.PackEfficiency, r.PackEfficiency >= 0.75, "N2");
            if (r.Workers >= 2)
                Target($"pack {r.Workers} workers >= {0.85 * r.Workers:N1}x 1 worker", r.PackScaling, r.PackScaling >= 0.85 * r.Workers, "N2");
            if (r.PackOverHuggingFaceBatch is double overPeer)
                Target("pack >= 20 x HF tokenizers encodeBatch, same threads", overPeer, overPeer >= 20, "N1");
            Target("start to first token <= 0.3 s (cached)", r.FirstTokenSeconds, r.FirstTokenSeconds <= 0.3, "N2");
            Target("shard read >= 1000 MB/s", r.ReadMegabytesPerSecond, r.ReadMegabytesPerSecond >= 1000, "N0");
            Target("shards <= 1.03 x zstd -3 of tokens", r.ShardOverZstd3, r.ShardOverZstd3 <= 1.03, "N3");
            if (r.PeakRssMegabytes is double rss && r.PeakRssScaledMegabytes is double scaled)
            {
                Target("peak RSS < 1024 MB", Math.Max(rss, scaled), Math.Max(rss, scaled) < 1024, "N0");
                Target($"RSS at {r.RssScale}x <= 1.2 x RSS at 1x", scaled / rss, scaled <= 1.2 * rss, "N2");
            }
        }

        AnsiConsole.Write(targets);
        foreach (var r in results)
        {
            foreach (var (peer, figures) in (ReadOnlySpan<(string, PeerFigures)>)[("Hugging Face tokenizers", r.Peers.HuggingFace), ("tiktoken", r.Peers.Tiktoken)])
            {
                if (figures.Note is { } note)
                    AnsiConsole.MarkupLine($"[grey]{Markup.Escape($"{r.Corpus}: {peer} {note}")}[/]");
            }
        }
        AnsiConsole.MarkupLine($"[grey]reproduce: {Markup.Escape(command)}[/]");
        return allMet;
    }

    public static void Save(string path, IReadOnlyList<BenchMeasurements> results, string command)
    {
        var json = new
        {
            command,
            machine = new { cores = Environment.ProcessorCount, os = System.Runtime.InteropServices.RuntimeInformation.OSDescription, runtime = Environment.Version.ToString() },
            results,
        };
        File.WriteAllText(path, JsonSerializer.Serialize(json, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }));
    }
}
