using UltraLLaDA.Data.Evaluation;

namespace UltraLLaDA.Data.Cli.Commands;

/// <summary>
/// The CLI's words for the evaluation library's typed errors: the flag that sets the setting at fault,
/// and the flag that would get the user out. The library never names flags.
/// </summary>
internal static class EvalErrorAdvice
{
    public static string Describe(EvalSetException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Setting == EvalSetting.None)
            return e.Message;
        var message = Flag(e.Setting) + e.Detail;
        return e.Remedy == EvalSetting.None ? message : $"{message}; pass {Flag(e.Remedy)}";
    }

    private static string Flag(EvalSetting setting) => setting switch
    {
        EvalSetting.Lengths => "--lengths",
        EvalSetting.Depths => "--depths",
        EvalSetting.Needles => "--needles",
        EvalSetting.PerCell => "--per-cell",
        EvalSetting.ValueDigits => "--value-digits",
        EvalSetting.NeedleTemplate => "--needle-template",
        EvalSetting.QuestionTemplate => "--question-template",
        EvalSetting.Tasks => "--tasks",
        EvalSetting.Samples => "--samples",
        EvalSetting.Squad => "--squad",
        EvalSetting.HotpotQa => "--hotpotqa",
        EvalSetting.Output => "--out",
        EvalSetting.Concatenate => "--concatenate",
        EvalSetting.Overwrite => "--overwrite",
        EvalSetting.Datasets => "--datasets",
        EvalSetting.MaxLength => "--max-length",
        EvalSetting.MaxRows => "--max-rows",
        _ => EvalSetException.NameOf(setting),
    };
}
