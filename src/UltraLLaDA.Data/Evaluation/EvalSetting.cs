namespace UltraLLaDA.Data.Evaluation;

/// <summary>The caller's evaluation-set settings an <see cref="EvalSetException"/> can be about, so a CLI can name its own options for them.</summary>
public enum EvalSetting
{
    /// <summary>Not about a caller's setting: a set folder or a file is at fault.</summary>
    None,

    /// <summary>The lengths in tokens of the set's records or prompts.</summary>
    Lengths,

    /// <summary>The needle depths, in percent of the haystack.</summary>
    Depths,

    /// <summary>How many needles a prompt holds.</summary>
    Needles,

    /// <summary>How many prompts each (length, depth) cell gets.</summary>
    PerCell,

    /// <summary>How many digits a needle's value has.</summary>
    ValueDigits,

    /// <summary>The needle's text template.</summary>
    NeedleTemplate,

    /// <summary>The question's text template.</summary>
    QuestionTemplate,

    /// <summary>Which RULER tasks to make.</summary>
    Tasks,

    /// <summary>How many prompts each RULER task gets per length.</summary>
    Samples,

    /// <summary>The SQuAD file of RULER's qa_1.</summary>
    Squad,

    /// <summary>The HotpotQA file of RULER's qa_2.</summary>
    HotpotQa,

    /// <summary>The folder the set is written to.</summary>
    Output,

    /// <summary>Joining documents to reach a length (a remedy, not a fault).</summary>
    Concatenate,

    /// <summary>Replacing an earlier set in the output folder (a remedy, not a fault).</summary>
    Overwrite,

    /// <summary>Which LongBench datasets to make.</summary>
    Datasets,

    /// <summary>The longest LongBench prompt in tokens.</summary>
    MaxLength,

    /// <summary>How many rows of each LongBench file to make.</summary>
    MaxRows,
}
