namespace UltraLLaDA.Data.Cli;

/// <summary>The command's exit codes.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>An unexpected failure (a bug, or an I/O error nobody anticipated); the bench when a target is missed.</summary>
    public const int Failure = 1;

    /// <summary>verify found problems, or a shard to inspect is damaged.</summary>
    public const int Problems = 1;

    /// <summary>Bad input, a bad flag, or an output folder that conflicts: the message says what to fix.</summary>
    public const int BadInput = 2;

    /// <summary>Interrupted (Ctrl-C / SIGTERM), as shells report 128 + SIGINT.</summary>
    public const int Cancelled = 130;
}
