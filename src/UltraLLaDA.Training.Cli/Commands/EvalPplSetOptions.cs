using System.CommandLine;

namespace UltraLLaDA.Training.Cli.Commands;

/// <summary>eval-ppl's flags for a PPL set.</summary>
internal sealed class EvalPplSetOptions
{
    public Option<string?> Set { get; } = new("--set") { Description = "a PPL set of ultrallada-data make-eval ppl: every window, Table 1's shape (instead of --data)" };

    public Option<string?> Report { get; } = new("--report") { Description = "with --set: also write the table as JSON to this file" };
}
