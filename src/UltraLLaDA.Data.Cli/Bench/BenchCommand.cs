using System.CommandLine;
using Spectre.Console;
using UltraLLaDA.Data.Cli.Commands;
using UltraLLaDA.Data.Sources;

namespace UltraLLaDA.Data.Cli.Bench;

/// <summary>`ultrallada-data bench`: end-to-end performance figures and the targets they must meet.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var corpus = new Option<string[]>("--corpus") { Description = "A PG-19-layout folder to measure on (repeatable). Default: a generated PG-19-like corpus, plus ../shared/pg19-sample when present." };
        var size = new Option<int>("--size-mb") { Description = "Size of the generated corpus in MB (default 200).", DefaultValueFactory = _ => 200 };
        var tokenizer = new Option<string?>("--tokenizer") { Description = "tokenizer.json or built-in name (default o200k_base); repeat the bench for each tokenizer to compare." };
        var workers = new Option<int?>("--workers") { Description = "Workers for the 'all workers' runs (default: all cores)." };
        var rssScale = new Option<int>("--rss-scale") { Description = "Peak memory is measured on the generated corpus and on one this many times larger (default 10; 0 to skip).", DefaultValueFactory = _ => 10 };
        var cache = new Option<string>("--cache") { Description = "Where generated corpora and scratch shards go (default .cache/bench).", DefaultValueFactory = _ => Path.Combine(".cache", "bench") };
        var json = new Option<string?>("--json") { Description = "Also write the measurements to this JSON file." };
        var command = new Command("bench", "Measure tokenizer, pack-job, shard-read speed, shard size and memory, and check them against the targets.")
        {
            corpus, size, tokenizer, workers, rssScale, cache, json,
        };
        command.Subcommands.Add(FirstTokenProbe.CreateCommand());
        command.SetAction((parse, cancellationToken) => CommandErrors.RunAsync(async () =>
        {
            var megabytes = parse.GetValue(size);
            var threads = parse.GetValue(workers) ?? Environment.ProcessorCount;
            var scale = parse.GetValue(rssScale);
            var cacheFolder = Path.GetFullPath(parse.GetValue(cache)!);
            if (megabytes <= 0 || threads <= 0 || scale < 0)
                throw new UsageException("--size-mb and --workers must be positive, --rss-scale 0 or more.");
            var spec = parse.GetValue(tokenizer) ?? "o200k_base";
            var scratch = Path.Combine(cacheFolder, "scratch");
            var runner = new BenchRunner(spec, threads, scratch, line => AnsiConsole.WriteLine(line));
            var corpora = new List<(string Name, string Path, SourceLayout Layout, bool Generated)>();
            foreach (var path in parse.GetValue(corpus) ?? [])
                corpora.Add((Path.GetFileName(Path.TrimEndingDirectorySeparator(path)), path, SourceLayout.Auto, false));
            if (corpora.Count == 0)
            {
                AnsiConsole.WriteLine($"generating a {megabytes} MB PG-19-like corpus in {cacheFolder} (once)...");
                corpora.Add(($"synthetic-{megabytes}mb", SyntheticCorpus.Ensure(Path.Combine(cacheFolder, $"synthetic-{megabytes}mb"), megabytes), SourceLayout.Pg19Text, true));
                var sample = Path.GetFullPath(Path.Combine("..", "shared", "pg19-sample"));
                if (Directory.Exists(sample))
                    corpora.Add(("pg19-sample", sample, SourceLayout.Pg19Text, false));
            }

            var results = new List<BenchMeasurements>();
            foreach (var (name, path, layout, generated) in corpora)
            {
                Func<Task<string>>? scaled = generated && scale > 0
                    ? () =>
                    {
                        AnsiConsole.WriteLine($"generating a {megabytes * scale} MB corpus for the memory measurement (once)...");
                        return Task.FromResult(SyntheticCorpus.Ensure(Path.Combine(cacheFolder, $"synthetic-{megabytes * scale}mb"), megabytes * scale));
                    }
                : null;
                results.Add(await runner.RunAsync(name, path, layout, scaled, scale, cancellationToken).ConfigureAwait(false));
            }

            Directory.Delete(scratch, recursive: true);
            var reproduce = "ultrallada-data " + string.Join(' ', parse.Tokens.Select(t => t.Value));
            var met = BenchReport.Print(results, reproduce);
            if (parse.GetValue(json) is { } file)
                BenchReport.Save(file, results, reproduce);
            return met ? ExitCodes.Success : ExitCodes.Failure;
        }));
        return command;
    }
}
