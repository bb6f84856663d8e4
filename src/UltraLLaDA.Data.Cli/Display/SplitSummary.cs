using UltraLLaDA.Data.Pipeline;
using UltraLLaDA.Data.Sources;

namespace UltraLLaDA.Data.Cli.Display;

/// <summary>One split's line in the closing summary; <paramref name="Layout"/> is the input layout the split was read as.</summary>
internal sealed record SplitSummary(string Split, string Folder, PackJobResult Result, PackCounters Counters, SourceStats Source, SourceLayout Layout);
