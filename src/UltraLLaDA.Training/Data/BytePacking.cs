using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Pipeline;
using UltraLLaDA.Data.Sources;

namespace UltraLLaDA.Training.Data;

/// <summary>
/// Packs a corpus split with <see cref="ByteLevelTokenizer"/> through the data library's <see cref="PackJob"/>: the
/// shards a CPU demo or test trains `tiny` on. (ultrallada-data pack does the same with real tokenizers.)
/// </summary>
public static class BytePacking
{
    public static Task<PackJobResult> PackAsync(string input, string split, string outputRoot, int seqLen, SequenceLayout layout, int recordsPerShard = 256, bool overwrite = true, CancellationToken cancellationToken = default)
    {
        var source = DocumentSources.Open(input, split);
        var settings = new PackJobSettings
        {
            OutputDirectory = Path.Combine(outputRoot, split),
            Names = new OutputNames(split),
            Packing = new PackingOptions
            {
                SeqLen = seqLen,
                Layout = layout,
                Tail = TailPolicy.Pad,
                EodId = ByteLevelTokenizer.EodId,
                PadId = ByteLevelTokenizer.PadId,
            },
            RecordsPerShard = recordsPerShard,
            Workers = Math.Max(1, Math.Min(4, Environment.ProcessorCount)),
            Overwrite = overwrite,
            Input = input,
        };
        return new PackJob(settings, new ByteLevelTokenizer(), source.ReadAsync).RunAsync(cancellationToken);
    }
}
