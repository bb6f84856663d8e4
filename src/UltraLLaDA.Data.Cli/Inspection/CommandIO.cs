using Spectre.Console;

namespace UltraLLaDA.Data.Cli.Inspection;

/// <summary>Where a command writes: the rich console for people, plain writers for scripts and errors. Tests pass their own.</summary>
internal sealed record CommandIO(IAnsiConsole Console, TextWriter Out, TextWriter Error)
{
    public static CommandIO Standard => new(AnsiConsole.Console, System.Console.Out, System.Console.Error);

    /// <summary>A plain console (no colours, no ANSI) of <paramref name="width"/> columns writing to <paramref name="output"/>.</summary>
    public static CommandIO Plain(TextWriter output, TextWriter error, int width = 120)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = width;
        return new CommandIO(console, output, error);
    }
}
