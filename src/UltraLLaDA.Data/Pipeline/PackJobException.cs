namespace UltraLLaDA.Data.Pipeline;

/// <summary>
/// A pack job cannot run or go on for a reason the user can fix (bad input, a conflicting output folder, ...).
/// The message says what and where, in the library's words; <see cref="Problem"/> and <see cref="Setting"/>
/// let a front end add its own advice (e.g. which flag to pass).
/// </summary>
public sealed class PackJobException : Exception
{
    public PackJobException()
    {
    }

    public PackJobException(string message)
        : base(message)
    {
    }

    public PackJobException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PackJobException(PackProblem problem, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Problem = problem;
    }

    public PackJobException(PackSetting setting, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Problem = PackProblem.InvalidSetting;
        Setting = setting;
    }

    public PackProblem Problem { get; } = PackProblem.BadInput;

    /// <summary>The setting at fault, for <see cref="PackProblem.InvalidSetting"/>.</summary>
    public PackSetting? Setting { get; }
}
