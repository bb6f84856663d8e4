using Spectre.Console;
using Spectre.Console.Rendering;

namespace UltraLLaDA.Data.Cli.Display;

/// <summary>A progress column showing live counters (documents, tokens, MB/s, shards) from a function read at each refresh.</summary>
internal sealed class CountersColumn(Func<string> counters) : ProgressColumn
{
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) => new Markup(Markup.Escape(counters()));
}
