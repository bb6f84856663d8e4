using UltraLLaDA.Data.Pipeline;
using UltraLLaDA.Data.Formats.Ulds;
using UltraLLaDA.Data.Sources;
using UltraLLaDA.Data.Tokenization;

namespace UltraLLaDA.Data.Cli.Commands;

/// <summary>Turns the errors a user can fix into one line and exit code 2, Ctrl-C into 130, the rest into 1.</summary>
internal static class CommandErrors
{
    public static async Task<int> RunAsync(Func<Task<int>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("interrupted: finished shards are kept; run again with --resume to continue.").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
        catch (PackJobException e)
        {
            await Console.Error.WriteLineAsync($"error: {PackErrorAdvice.Describe(e)}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        catch (TokenizerLoadException e)
        {
            await Console.Error.WriteLineAsync($"error: {TokenizerErrorAdvice.Describe(e)}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is UsageException or SourceDataException or ShardFormatException or InvalidDataException)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
    }
}
