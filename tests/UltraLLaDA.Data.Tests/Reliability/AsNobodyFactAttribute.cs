using System.Diagnostics;

namespace UltraLLaDA.Data.Tests.Reliability;

/// <summary>
/// A fact that runs the CLI as the unprivileged user nobody (with setpriv), for permission errors that
/// root never sees. Skipped, with the reason, where the tests are not root, setpriv is missing, or
/// nobody cannot read the built CLI.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AsNobodyFactAttribute : FactAttribute
{
    public const string Nobody = "65534";

    private static readonly Lazy<string?> Problem = new(() =>
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
            return "needs to run as root on Linux, to start the command as nobody";
        try
        {
            using var probe = Process.Start(new ProcessStartInfo("setpriv", ["--reuid=" + Nobody, "--regid=" + Nobody, "--clear-groups", "test", "-r", Path.Combine(AppContext.BaseDirectory, "ultrallada-data.dll")]))!;
            probe.WaitForExit();
            return probe.ExitCode == 0 ? null : "the user nobody cannot read the built command here";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "setpriv (util-linux) is not installed";
        }
    });

    public AsNobodyFactAttribute()
    {
        if (Problem.Value is { } reason)
            Skip = reason;
    }
}
