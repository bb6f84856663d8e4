namespace UltraLLaDA.Data.Inspection;

/// <summary>The path or arguments given to an inspection command cannot be used (a usage error, exit code 2).</summary>
public sealed class InspectionInputException : Exception
{
    public InspectionInputException()
    {
    }

    public InspectionInputException(string message)
        : base(message)
    {
    }

    public InspectionInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
