using System.CommandLine;
using UltraLLaDA.Data.Packing;
using UltraLLaDA.Training.Data;
using UltraLLaDA.Training.Model;

namespace UltraLLaDA.Training.Cli.Commands;

/// <summary>
/// <c>ultrallada-train pack-bytes</c>: packs a corpus split with the byte-level tokenizer (259 ids), the vocabulary the
/// `tiny` and `small` models train on in CPU minutes. Real runs pack with <c>ultrallada-data pack</c>.
/// </summary>
internal static class PackBytesCommand
{
    public static Command Create()
    {
        var input = new Option<string>("--input") { Description = "corpus: PG-19 txt folder, Parquet or JSONL", Required = true };
        var split = new Option<string>("--split") { DefaultValueFactory = _ => "train" };
        var output = new Option<string>("--out") { Description = "output root; shards go to OUT/<split>/", Required = true };
        var seqLen = new Option<int>("--seq-len") { DefaultValueFactory = _ => 256 };
        var layout = new Option<string>("--layout") { Description = "adaptive, eod or direct", DefaultValueFactory = _ => "adaptive" };
        var command = new Command("pack-bytes", "Pack a corpus split with a byte-level tokenizer (for CPU-sized models).") { input, split, output, seqLen, layout };
        command.SetAction(result => CliErrors.Run(() =>
        {
            if (!SequenceLayoutNames.TryParseLayout(result.GetValue(layout), out var parsed))
                throw new TrainingConfigException($"unknown layout '{result.GetValue(layout)}'");
            var done = BytePacking.PackAsync(result.GetValue(input)!, result.GetValue(split)!, result.GetValue(output)!, result.GetValue(seqLen), parsed)
                .GetAwaiter().GetResult();
            var totals = done.Manifest.Totals;
            Console.WriteLine($"pack-bytes: {done.Manifest.Shards.Count} shard(s), {done.Manifest.Shards.Sum(s => s.Records)} records of {result.GetValue(seqLen)}, " +
                $"{totals?.Tokens ?? 0} tokens from {totals?.Documents ?? 0} documents in {done.Elapsed.TotalSeconds:F1} s -> {Path.Combine(result.GetValue(output)!, result.GetValue(split)!)}");
            return 0;
        }));
        return command;
    }
}
