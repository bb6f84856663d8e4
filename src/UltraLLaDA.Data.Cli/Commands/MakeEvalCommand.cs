using System.CommandLine;
using System.Globalization;
using UltraLLaDA.Data.Evaluation;

namespace UltraLLaDA.Data.Cli.Commands;

/// <summary>`ultrallada-data make-eval ppl|niah|ruler|longbench`: the paper's evaluation sets at exact token lengths.</summary>
internal static class MakeEvalCommand
{
    public static Command Create() => new("make-eval", "Make the paper's evaluation sets from PG-19 (or any input pack reads): PPL-128K windows (Table 1), NIAH prompts (Figure 1), RULER's tasks (Table 4) and, from LongBench's files, LongBench-16K (Table 3).")
    {
        MakeEvalPplCommand.Create(),
        MakeEvalNiahCommand.Create(),
        MakeEvalRulerCommand.Create(),
        MakeEvalLongBenchCommand.Create(),
    };

    /// <summary>"4096,8192" or "4K,8K" (K = 1024) as numbers; null when the flag is absent.</summary>
    internal static IReadOnlyList<int>? ParseList(string? text, string flag)
    {
        if (text is null)
            return null;
        var values = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var multiplier = part.EndsWith('K') || part.EndsWith('k') ? 1024 : 1;
            var digits = multiplier == 1 ? part : part[..^1];
            if (!int.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || (long)value * multiplier > int.MaxValue)
                throw new UsageException($"{flag}: '{part}' is not a number (give a comma-separated list such as 4096,8192 or 4K,8K)");
            values.Add(value * multiplier);
        }

        return values;
    }

    /// <summary>Runs a set maker, its errors one line and exit code 2.</summary>
    internal static Task<int> RunAsync(Func<Task<int>> action) => CommandErrors.RunAsync(async () =>
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (EvalSetException e)
        {
            throw new UsageException(EvalErrorAdvice.Describe(e), e);
        }
        catch (OperationCanceledException)
        {
            // No --resume here: a set without its index is incomplete, and --overwrite makes it again.
            await Console.Error.WriteLineAsync("interrupted: the set is incomplete (its index was not written); run again with --overwrite.").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
    });
}
