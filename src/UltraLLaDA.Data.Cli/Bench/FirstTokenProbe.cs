using System.CommandLine;
using System.Diagnostics;
using UltraLLaDA.Data.Cli.Commands;
using UltraLLaDA.Data.Tokenization;
using UltraLLaDA.Data.Tokenization.Caching;

namespace UltraLLaDA.Data.Cli.Bench;

/// <summary>
/// Start to first token: the time from launching this tool to the first token of a text, as a
/// `pack` process pays it before any work (runtime start, reading and compiling the tokenizer,
/// the first encode). It is timed from outside, around a child process that loads the tokenizer,
/// encodes one line and says so on its standard output.
/// </summary>
internal static class FirstTokenProbe
{
    private const string Done = "first-token";

    /// <summary>The hidden `bench first-token TOKENIZER` command the measurement runs as its child.</summary>
    public static Command CreateCommand()
    {
        var tokenizer = new Argument<string>("tokenizer") { Description = "tokenizer.json or built-in name." };
        var command = new Command("first-token", "Load a tokenizer, encode one line and print its first id (what the bench times).")
        {
            tokenizer,
        };
        command.Hidden = true;
        command.SetAction((parse, _) => CommandErrors.RunAsync(async () =>
        {
            var clock = Stopwatch.StartNew();
            var loaded = TokenizerLoader.Load(parse.GetValue(tokenizer));
            var load = clock.Elapsed.TotalSeconds;
            var ids = new TokenBuffer(16);
            loaded.Encode("It was the best of times, it was the worst of times.", ids);
            // The id, the in-process split (seconds loading, seconds for the first encode), then the
            // process's CPU-seconds so far: a parent cannot read them once the child has exited.
            using var self = Process.GetCurrentProcess();
            await Console.Out.WriteLineAsync(FormattableString.Invariant($"{Done} {ids.Span[0]} {load:F4} {clock.Elapsed.TotalSeconds - load:F4} {self.TotalProcessorTime.TotalSeconds:F4}")).ConfigureAwait(false);
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>
    /// Seconds from starting the child to reading its line, and the CPU-seconds the child had
    /// used by its first token. <paramref name="cacheSetting"/> is the child's <see cref="TokenizerCache.EnvironmentVariable"/>
    /// ("off" for a cold start).
    /// </summary>
    public static async Task<(double Seconds, double CpuSeconds)> MeasureAsync(string tokenizerSpec, string cacheSetting, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(FirstTokenProbe).Assembly.Location);
        foreach (var argument in (string[])["bench", "first-token", tokenizerSpec])
            start.ArgumentList.Add(argument);
        start.Environment[TokenizerCache.EnvironmentVariable] = cacheSetting;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start the first-token process");
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        var line = await process.StandardOutput.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        var seconds = clock.Elapsed.TotalSeconds;
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0 || line is null || !line.StartsWith(Done, StringComparison.Ordinal))
            throw new InvalidOperationException($"the first-token process failed ({process.ExitCode}): {line}{await error.ConfigureAwait(false)}");
        var fields = line.Split(' ');
        if (fields.Length < 5 || !double.TryParse(fields[4], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var cpu))
            throw new InvalidOperationException($"the first-token process printed an unexpected line: {line}");
        return (seconds, cpu);
    }
}
