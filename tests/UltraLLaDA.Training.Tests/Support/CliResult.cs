namespace UltraLLaDA.Training.Tests.Support;

/// <summary>A finished child process: exit code, stdout and stderr.</summary>
internal sealed record CliResult(int Code, string Stdout, string Stderr)
{
    public string Output => Stdout + Stderr;
}
