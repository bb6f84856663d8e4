namespace UltraLLaDA.Data.Cli.Inspection;

/// <summary>The exit codes of the inspection commands.</summary>
internal static class ExitCodes
{
    /// <summary>All went well (verify: everything holds).</summary>
    public const int Ok = 0;

    /// <summary>Verification found problems, a shard is damaged, or an unexpected error.</summary>
    public const int Problems = 1;

    /// <summary>Bad usage or input: a path that holds nothing to inspect, a record that does not exist.</summary>
    public const int Usage = 2;
}
