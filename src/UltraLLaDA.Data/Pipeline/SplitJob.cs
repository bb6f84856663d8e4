using UltraLLaDA.Data.Sources;
using UltraLLaDA.Data.Tokenization;

namespace UltraLLaDA.Data.Pipeline;

/// <summary>One split of a corpus job: its resolved settings and its documents.</summary>
public sealed record SplitJob(string Split, PackJobSettings Settings, IDocumentSource Source)
{
    /// <summary>A pack job for this split (run it once).</summary>
    public PackJob CreateJob(ITextTokenizer tokenizer) => new(Settings, tokenizer, Source.ReadAsync);
}
