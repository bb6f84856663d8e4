using System.Text.Json;
using UltraLLaDA.Data.Tests.Support;

namespace UltraLLaDA.Data.Tests.Cli;

/// <summary>
/// The bench command end to end on the small sample: it measures every figure the README's table
/// shows and saves them. Only that the figures exist and are sane is checked here; how fast things
/// are is the bench's own job, never a unit test's.
/// </summary>
public sealed class BenchCommandTests
{
    [Fact]
    public void Bench_on_a_given_corpus_prints_the_table_and_saves_every_measure()
    {
        using var temp = new TempDirectory();
        var json = Path.Combine(temp.Path, "bench.json");
        var (code, output, error) = CliProcess.Run(
            "bench", "--corpus", Path.Combine(TestPaths.RepoRoot, "samples", "pg19-mini"), "--rss-scale", "0", "--workers", "2",
            "--cache", Path.Combine(temp.Path, "cache"), "--json", json);

        // Exit 1 means a target was missed, which the tiny sample may well do; anything else is a failure.
        Assert.True(code is 0 or 1, $"exit {code}\n{output}\n{error}");
        Assert.Contains("pack / (workers x tokenizer)", output, StringComparison.Ordinal);
        Assert.Contains("reproduce: ultrallada-data bench", output, StringComparison.Ordinal);

        using var saved = JsonDocument.Parse(File.ReadAllText(json));
        var result = Assert.Single(saved.RootElement.GetProperty("results").EnumerateArray());
        Assert.Equal(2, result.GetProperty("workers").GetInt32());
        Assert.Equal(Environment.ProcessorCount, result.GetProperty("cores").GetInt32());
        foreach (var positive in new[]
                 {
                     "tokenizer_megabytes_per_second", "tokenizer_tokens_per_second", "pack_one_worker_megabytes_per_second",
                     "pack_all_workers_megabytes_per_second", "read_records_per_second", "read_megabytes_per_second",
                     "shard_bytes", "raw_token_bytes", "zstd3_token_bytes",
                     "tokenizer_cold_megabytes_per_second", "tokenizer_cold_all_threads_megabytes_per_second",
                     "tokenizer_cold_cpu_seconds_per100_megabytes", "pack_one_worker_cpu_seconds_per100_megabytes",
                     "pack_all_workers_cpu_seconds_per100_megabytes", "first_token_seconds", "first_token_uncached_seconds",
                     "peer_sample_ours_megabytes_per_second",
                 })
        {
            Assert.True(result.GetProperty(positive).GetDouble() > 0, $"{positive} is {result.GetProperty(positive)}");
        }

        // Shards hold the tokens plus segment ids and tables: smaller than raw tokens, and near zstd -3 of them.
        var shards = result.GetProperty("shard_bytes").GetDouble();
        Assert.InRange(shards / result.GetProperty("raw_token_bytes").GetDouble(), 0.2, 0.8);
        Assert.InRange(shards / result.GetProperty("zstd3_token_bytes").GetDouble(), 0.9, 1.3);
        Assert.Equal(JsonValueKind.Null, result.GetProperty("peak_rss_megabytes").ValueKind);

        // Each peer either has figures or says why not.
        foreach (var peer in new[] { "hugging_face", "tiktoken" })
        {
            var figures = result.GetProperty("peers").GetProperty(peer);
            Assert.True(
                figures.GetProperty("note").ValueKind == JsonValueKind.String || figures.GetProperty("one_thread_megabytes_per_second").GetDouble() > 0,
                $"{peer}: {figures}");
        }
    }
}
