using System.CommandLine;
using System.Text.Json;
using UltraLLaDA.Data.Inspection;

namespace UltraLLaDA.Data.Cli.Inspection;

/// <summary>
/// <c>verify PATH</c>: checks a shard, a split or a whole output folder. Prints one line per problem
/// (<c>FILE: record N: what</c>) on standard output, sorted by file and record, and a summary line on
/// standard error; exits 0 when everything holds, 1 when anything does not.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(CommandIO? io = null)
    {
        var path = new Argument<string>("PATH") { Description = "A shard (.ulds), a split folder (OUT/train) or a pack job's output folder (OUT)." };
        var threads = new Option<int>("--threads") { Description = "Threads that read and check records (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var json = new Option<bool>("--json") { Description = "Write the report (problems and counts) as JSON." };
        var command = new Command("verify", "Check shards against the format spec, every record's hash, the manifest (sha256, counts, totals) and that the records tile the documents in order.")
        {
            path, threads, json,
        };
        command.SetAction((parse, token) => Task.FromResult(Run(parse.GetValue(path)!, parse.GetValue(threads), parse.GetValue(json), io ?? CommandIO.Standard, token)));
        return command;
    }

    public static int Run(string path, int threads, bool json, CommandIO io, CancellationToken cancellationToken = default)
    {
        VerificationReport report;
        try
        {
            if (threads < 1)
                throw new InspectionInputException($"--threads must be at least 1, not {threads}.");
            report = ShardVerifier.Verify(path, new VerifyOptions { Threads = threads }, cancellationToken);
        }
        catch (InspectionInputException e)
        {
            io.Error.WriteLine($"verify: {e.Message}");
            return ExitCodes.BadInput;
        }

        if (json)
        {
            io.Out.WriteLine(JsonSerializer.Serialize(
                new
                {
                    ok = report.Ok,
                    problems = report.Problems.Select(p => new { file = p.File, record = p.Record, message = p.Message, line = p.ToString() }),
                    manifests = report.Manifests,
                    shards = report.Shards,
                    records = report.Records,
                    tokens = report.Tokens,
                    bytes = report.Bytes,
                    payload_bytes = report.PayloadBytes,
                    seconds = report.Elapsed.TotalSeconds,
                    threads = report.Threads,
                },
                CliJson.Options));
        }
        else
        {
            foreach (var problem in report.Problems)
                io.Out.WriteLine(problem.ToString());
        }

        // Megatron pairs hold raw tokens: nothing is decompressed, the payload is the .bin's token bytes read.
        var payload = report.Kind == VerifiedOutput.MegatronPairs ? "tokens read" : "records decompressed";
        var what = $"{report.Manifests} manifest(s), {report.Shards} shard(s), {report.Records:N0} records, {report.Tokens:N0} tokens, {InspectCommand.Bytes(report.Bytes)} in {report.Elapsed.TotalSeconds:0.00} s: {report.MegabytesPerSecond:0} MB/s of files, {report.PayloadMegabytesPerSecond:0} MB/s of {payload}, {report.RecordsPerSecond:0} records/s, {report.Threads} threads";
        io.Error.WriteLine(report.Ok ? $"verify: OK: {what}" : $"verify: FAILED: {report.Problems.Count} problem(s); checked {what}");
        return report.Ok ? ExitCodes.Success : ExitCodes.Problems;
    }
}
