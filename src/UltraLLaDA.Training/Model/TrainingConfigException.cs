namespace UltraLLaDA.Training.Model;

/// <summary>A model, run or data setting that cannot work; the message says which and why.</summary>
public sealed class TrainingConfigException : Exception
{
    public TrainingConfigException()
    {
    }

    public TrainingConfigException(string message)
        : base(message)
    {
    }

    public TrainingConfigException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
