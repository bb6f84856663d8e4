namespace UltraLLaDA.Data.Pipeline;

/// <summary>A pack job cannot run or go on for a reason the user can fix (bad input, a conflicting output folder, ...). The message says what and where.</summary>
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
}
