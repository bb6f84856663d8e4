using UltraLLaDA.Data.Pipeline;

namespace UltraLLaDA.Data.Cli.Commands;

/// <summary>
/// The CLI's words for the library's typed pack errors: the flag that sets the setting at fault, and
/// which flag gets the user out of an output-folder conflict. The library never names flags.
/// </summary>
internal static class PackErrorAdvice
{
    public static string Describe(PackJobException e)
    {
        var flag = e.Setting is { } setting ? Flag(setting) : null;
        var message = flag is null ? e.Message : $"{flag}: {e.Message}";
        return e.Problem switch
        {
            PackProblem.OutputHoldsAnotherJob => $"{message} Pass --resume to continue it or --overwrite to replace it.",
            PackProblem.CannotResume => $"{message} Pass --overwrite to replace it.",
            PackProblem.PartsNotReady => $"{message} (Run a part with the same flags and --resume to finish it.)",
            PackProblem.InvalidSetting when e.Setting == PackSetting.EodId => $"{message} Pass --eod-id or --eod-token.",
            PackProblem.InvalidSetting when e.Setting == PackSetting.PadId => $"{message} Pass --pad-id, or --tail drop/keep.",
            _ => message,
        };
    }

    private static string? Flag(PackSetting setting) => setting switch
    {
        PackSetting.Input => "--input",
        PackSetting.Output => "--out",
        PackSetting.Split => "--split",
        PackSetting.Layout => "--layout",
        PackSetting.SeqLen => "--seq-len",
        PackSetting.Tail => "--tail",
        PackSetting.EodId => "--eod-id",
        PackSetting.PadId => "--pad-id",
        PackSetting.BosId => "--bos-id",
        PackSetting.Pack => "--pack",
        PackSetting.PackWindow => "--pack-window",
        PackSetting.PackWindowTokens => "--pack-window-tokens",
        PackSetting.Format => "--format",
        PackSetting.RecordsPerShard => "--records-per-shard",
        PackSetting.ZstdLevel => "--zstd-level",
        PackSetting.Workers => "--workers",
        PackSetting.Memory => "--memory-mb",
        PackSetting.Resume => "--resume",
        PackSetting.Overwrite => "--overwrite",
        _ => null,
    };
}
