using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Pipeline;
using UltraLLaDA.Data.Sources;
using UltraLLaDA.Data.Tokenization;
using UltraLLaDA.Data.Output;

namespace UltraLLaDA.Training.Tests.Support;

/// <summary>
/// Packs a corpus split with <see cref="Utf8ByteTokenizer"/> through the data library's <see cref="PackJob"/>: the
/// shards the tests train `tiny` on (what `ultrallada-data pack --tokenizer bytes` makes).
/// </summary>
internal static class BytePacking
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
                EodId = Utf8ByteTokenizer.EodId,
                PadId = Utf8ByteTokenizer.PadId,
            },
            RecordsPerShard = recordsPerShard,
            Workers = Math.Max(1, Math.Min(4, Environment.ProcessorCount)),
            Overwrite = overwrite,
            Input = input,
        };
        return new PackJob(settings, new Utf8ByteTokenizer(), source.ReadAsync).RunAsync(cancellationToken);
    }
}
