namespace UltraLLaDA.Data.Cli.Display;

/// <summary>How <see cref="PackProgress"/> shows a running split.</summary>
internal enum ProgressDisplay
{
    /// <summary>A live progress bar (a terminal, no --no-progress).</summary>
    Live,

    /// <summary>A plain line every few seconds and one at the end (output to a file or a pipe).</summary>
    PlainLines,

    /// <summary>Nothing while the split runs (--no-progress): only the closing summary.</summary>
    None,
}
