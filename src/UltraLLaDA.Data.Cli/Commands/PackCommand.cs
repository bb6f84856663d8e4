using System.CommandLine;
using UltraLLaDA.Data.Formats;
using UltraLLaDA.Data.Packing;

namespace UltraLLaDA.Data.Cli.Commands;

/// <summary>`ultrallada-data pack`: the flags, and how they become <see cref="PackSettings"/>.</summary>
internal static class PackCommand
{
    public static Command Create()
    {
        var pipeline = new Option<string?>("--pipeline") { Description = "A pipeline JSON file (pipelines/*.json) setting any of the flags below; flags override it." };
        var input = new Option<string?>("--input") { Description = "Corpus: a PG-19 folder (train/ validation/ test/ + metadata.csv), Parquet file(s) in the Hugging Face pg19 schema, or JSONL with a \"text\" field." };
        var inputFormat = new Option<string?>("--input-format") { Description = "auto (default), parquet, pg19 (txt folders + metadata.csv) or jsonl; needed when a folder holds more than one." };
        var split = new Option<string?>("--split") { Description = "train, validation, test, or all (default: all the input has)." };
        var tokenizer = new Option<string?>("--tokenizer") { Description = "A tokenizer.json (or a folder holding one), or a built-in name (default: o200k_base, embedded)." };
        var layout = new Option<string?>("--layout") { Description = "adaptive (segment ids, no EOD), eod (EOD after every document) or direct (plain concatenation)." };
        var seqLen = new Option<int?>("--seq-len") { Description = "Tokens per record (default 65536)." };
        var tail = new Option<string?>("--tail") { Description = "Last partial record of a split: pad (default), drop or keep." };
        var output = new Option<string?>("--out") { Description = "Output folder; each split goes to OUT/<split>/." };
        var workers = new Option<int?>("--workers") { Description = "Tokenizer threads (default: all cores). The output is the same whatever the number." };
        var recordsPerShard = new Option<int?>("--records-per-shard") { Description = "Records per shard file, or documents per .bin/.idx pair with --format megatron (default 1024)." };
        var zstdLevel = new Option<int?>("--zstd-level") { Description = "zstd level of the records (default 3)." };
        var partition = new Option<string?>("--partition") { Description = "I/N: process every N-th input file starting at I (0-based), for a cluster array job; join the parts with merge-manifests." };
        var resume = new Option<bool>("--resume") { Description = "Continue an interrupted job in OUT (finished shards are verified and kept)." };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace the output of an earlier job in OUT." };
        var noProgress = new Option<bool>("--no-progress") { Description = "No progress while a split runs (no live bar, no periodic lines); the summary table is still printed." };
        var eodId = new Option<int?>("--eod-id") { Description = "EOD token id (default: the tokenizer's document-end token)." };
        var eodToken = new Option<string?>("--eod-token") { Description = "EOD token by its string, e.g. \"<|endoftext|>\"." };
        var padId = new Option<int?>("--pad-id") { Description = "Id of the padding of a padded tail (default: the EOD id)." };
        var bosId = new Option<int?>("--bos-id") { Description = "Put this id before every document (off by default; LLaDA adds none)." };
        var pack = new Option<string?>("--pack") { Description = $"Packing strategy: {string.Join(", ", PackingStrategies.Names.Where(n => n != PackingStrategies.Documents.Name))} (default concat: documents in order, cut at record ends)." };
        var packWindow = new Option<int?>("--pack-window") { Description = "For a windowed strategy (best-fit): documents held open at once (memory is bounded by it)." };
        var packWindowTokens = new Option<long?>("--pack-window-tokens") { Description = "For a windowed strategy (best-fit): tokens held open at once." };
        var format = new Option<string?>("--format") { Description = $"Output format: {string.Join(", ", ShardFormats.Names)} (default ulds)." };
        var memory = new Option<int?>("--memory-mb") { Description = "Text in flight between reading and packing, in MiB (default 64): the job's main memory bound." };

        var command = new Command("pack", "Tokenize a corpus and pack it into shards (ULDS by default) of fixed-length sequences.")
        {
            pipeline, input, inputFormat, split, tokenizer, layout, seqLen, tail, output, workers, recordsPerShard, zstdLevel,
            partition, resume, overwrite, noProgress, eodId, eodToken, padId, bosId, memory, pack, packWindow, packWindowTokens, format,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            var flags = new PackSettings
            {
                Input = parse.GetValue(input),
                Split = parse.GetValue(split),
                InputFormat = parse.GetValue(inputFormat),
                Tokenizer = parse.GetValue(tokenizer),
                Layout = parse.GetValue(layout),
                SeqLen = parse.GetValue(seqLen),
                Tail = parse.GetValue(tail),
                Out = parse.GetValue(output),
                Workers = parse.GetValue(workers),
                RecordsPerShard = parse.GetValue(recordsPerShard),
                ZstdLevel = parse.GetValue(zstdLevel),
                Partition = parse.GetValue(partition),
                Resume = parse.GetValue(resume) ? true : null,
                Overwrite = parse.GetValue(overwrite) ? true : null,
                NoProgress = parse.GetValue(noProgress) ? true : null,
                EodId = parse.GetValue(eodId),
                EodToken = parse.GetValue(eodToken),
                PadId = parse.GetValue(padId),
                BosId = parse.GetValue(bosId),
                MemoryMb = parse.GetValue(memory),
                Pack = parse.GetValue(pack),
                PackWindow = parse.GetValue(packWindow),
                PackWindowTokens = parse.GetValue(packWindowTokens),
                Format = parse.GetValue(format),
            };
            return await CommandErrors.RunAsync(() =>
            {
                var file = parse.GetValue(pipeline);
                var settings = file is null ? flags : PipelineFile.Read(file).OverriddenBy(flags);
                return PackRunner.RunAsync(settings, cancellationToken);
            }).ConfigureAwait(false);
        });
        return command;
    }
}
