using UltraLLaDA.Data.Packing;

namespace UltraLLaDA.Training.Tests.Support;

/// <summary>samples/pg19-mini's train split packed once with the byte-level tokenizer (seq_len 256, adaptive), shared by a test class.</summary>
public sealed class PackedSample : IDisposable
{
    public const int SeqLen = 256;
    private readonly TempDirectory _temp = new();

    public PackedSample()
    {
        BytePacking.PackAsync(TestPaths.Pg19Mini, "train", _temp.Path, SeqLen, SequenceLayout.Adaptive, recordsPerShard: 200).GetAwaiter().GetResult();
        Folder = _temp.Combine("train");
    }

    /// <summary>The split folder with train-0000N.ulds and manifest.json.</summary>
    public string Folder { get; }

    public void Dispose() => _temp.Dispose();
}
