namespace UltraLLaDA.Data.Evaluation;

/// <summary>
/// An evaluation set cannot be made (or read) as asked: lengths longer than the corpus, a depth outside 0–100, a
/// template without its slot, a set folder that is missing or damaged. The message names the file or flag and
/// what is wrong; commands turn it into one line and exit code 2.
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
}
