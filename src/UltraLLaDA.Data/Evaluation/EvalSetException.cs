namespace UltraLLaDA.Data.Evaluation;

/// <summary>
/// An evaluation set cannot be made (or read) as asked: lengths longer than the corpus, a depth outside 0–100, a
/// template without its slot, a set folder that is missing or damaged. The message names the file or setting and
/// what is wrong, never a command-line flag: <see cref="Setting"/> and <see cref="Remedy"/> say which settings, for
/// a CLI to word; commands turn it into one line and exit code 2.
/// </summary>
public sealed class EvalSetException : Exception
{
    public EvalSetException()
    {
    }

    public EvalSetException(string message)
        : base(message)
    {
    }

    public EvalSetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>A problem with <paramref name="setting"/>: the message is the setting's name followed by <paramref name="detail"/>.</summary>
    /// <param name="setting">The setting at fault.</param>
    /// <param name="detail">What follows the setting's name: its value and what is wrong (" 9000 is longer than ...", or ": 5 is given twice").</param>
    /// <param name="remedy">Another setting that would get the caller out, when there is one.</param>
    public EvalSetException(EvalSetting setting, string detail, EvalSetting remedy = EvalSetting.None)
        : base(NameOf(setting) + detail)
    {
        Setting = setting;
        Detail = detail;
        Remedy = remedy;
    }

    /// <summary>The setting at fault, or <see cref="EvalSetting.None"/>.</summary>
    public EvalSetting Setting { get; }

    /// <summary>What follows the setting's name in the message (empty when <see cref="Setting"/> is None).</summary>
    public string Detail { get; } = string.Empty;

    /// <summary>Another setting that would get the caller out, or <see cref="EvalSetting.None"/>.</summary>
    public EvalSetting Remedy { get; }

    /// <summary>The setting's name in the library's words.</summary>
    public static string NameOf(EvalSetting setting) => setting switch
    {
        EvalSetting.Lengths => "length",
        EvalSetting.Depths => "depth",
        EvalSetting.Needles => "needle count",
        EvalSetting.PerCell => "prompts per cell",
        EvalSetting.ValueDigits => "value digits",
        EvalSetting.NeedleTemplate => "needle template",
        EvalSetting.QuestionTemplate => "question template",
        EvalSetting.Tasks => "task",
        EvalSetting.Samples => "samples",
        EvalSetting.Squad => "SQuAD file",
        EvalSetting.HotpotQa => "HotpotQA file",
        EvalSetting.Output => "output folder",
        EvalSetting.Concatenate => "concatenation",
        EvalSetting.Overwrite => "overwrite",
        EvalSetting.Datasets => "dataset",
        EvalSetting.MaxLength => "max length",
        EvalSetting.MaxRows => "rows per dataset",
        _ => "setting",
    };
}
