using UltraLLaDA.Data.Pipeline;
using UltraLLaDA.Data.Sources;
using UltraLLaDA.Training.Data;
using UltraLLaDA.Training.Model;

namespace UltraLLaDA.Training.Cli.Commands;

/// <summary>Runs a command body and turns the errors a user can fix into one line on stderr and exit code 2.</summary>
internal static class CliErrors
{
    public const int UserError = 2;

    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (e is TrainingConfigException or DataException or PackJobException or SourceDataException
            or FileNotFoundException or DirectoryNotFoundException or InvalidDataException or ArgumentException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return UserError;
        }
    }
}
