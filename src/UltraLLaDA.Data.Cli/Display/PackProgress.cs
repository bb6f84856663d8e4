using System.Diagnostics;
using Spectre.Console;
using UltraLLaDA.Data.Pipeline;

namespace UltraLLaDA.Data.Cli.Display;

/// <summary>
/// Shows a running pack job: a live Spectre.Console progress bar (documents, tokens, MB/s, ETA) on a
/// terminal, a plain line every few seconds when the output is a file or a pipe, or nothing with
/// --no-progress (the summary table still follows).
/// </summary>
internal static class PackProgress
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);

    public static async Task<PackJobResult> RunAsync(string split, PackJob job, ProgressDisplay display, CancellationToken cancellationToken)
    {
        var counters = job.Counters;
        var clock = Stopwatch.StartNew();
        var run = job.RunAsync(cancellationToken);
        if (display == ProgressDisplay.Live)
        {
            await AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn { Width = 30 }, new PercentageColumn(), new RemainingTimeColumn(), new CountersColumn(() => Counts(counters, clock.Elapsed)), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask(split, maxValue: Math.Max(1, counters.DocumentsExpected ?? 1));
                    task.IsIndeterminate = counters.DocumentsExpected is null;
                    while (!run.IsCompleted)
                    {
                        Update(task, counters);
                        await Task.WhenAny(run, Task.Delay(200, CancellationToken.None)).ConfigureAwait(false);
                    }

                    Update(task, counters);
                    if (run.IsCompletedSuccessfully)
                        task.Value = task.MaxValue;
                    task.StopTask();
                }).ConfigureAwait(false);
        }
        else if (display == ProgressDisplay.PlainLines)
        {
            while (!run.IsCompleted)
            {
                await Task.WhenAny(run, Task.Delay(PlainInterval, CancellationToken.None)).ConfigureAwait(false);
                if (!run.IsCompleted)
                    Console.WriteLine(Line(split, counters, clock.Elapsed));
            }

            Console.WriteLine(Line(split, counters, clock.Elapsed));
        }

        return await run.ConfigureAwait(false);
    }

    private static void Update(ProgressTask task, PackCounters counters)
    {
        task.Value = counters.DocumentsTokenized;
    }

    private static string Line(string split, PackCounters c, TimeSpan elapsed) => $"{split}: {Counts(c, elapsed)}";

    private static string Counts(PackCounters c, TimeSpan elapsed)
    {
        var seconds = Math.Max(elapsed.TotalSeconds, 1e-3);
        var expected = c.DocumentsExpected is long n ? $"/{n:N0}" : string.Empty;
        return $"{c.DocumentsTokenized:N0}{expected} docs, {c.Tokens / 1e6:N1}M tokens, {c.TextBytesRead / 1e6 / seconds:N1} MB/s, {c.RecordsWritten:N0} records in {c.ShardsWritten:N0} shards";
    }
}
