namespace UltraLLaDA.Training.Data;

/// <summary>A shard folder that cannot feed the run: missing, empty, or disagreeing with the run's tokenizer, vocabulary or seq_len.</summary>
public sealed class DataException : Exception
{
    public DataException()
    {
    }

    public DataException(string message)
        : base(message)
    {
    }

    public DataException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
