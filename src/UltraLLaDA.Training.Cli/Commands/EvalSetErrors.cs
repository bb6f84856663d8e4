using UltraLLaDA.Data.Evaluation;
using UltraLLaDA.Training.Model;

namespace UltraLLaDA.Training.Cli.Commands;

/// <summary>A set that cannot be read (missing index, damaged shard) is a user error like a bad flag: one line, exit 2.</summary>
internal static class EvalSetErrors
{
    public static int Run(Func<int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return body();
        }
        catch (EvalSetException e)
        {
            throw new TrainingConfigException(e.Message, e);
        }
    }
}
