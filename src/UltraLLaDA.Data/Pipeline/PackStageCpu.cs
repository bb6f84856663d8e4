namespace UltraLLaDA.Data.Pipeline;

/// <summary>
/// CPU time a pack job's threads spent in each stage's own work (thread CPU time around it), so a
/// job's CPU can be accounted for by stage. What is not charged here (reading and UTF-8 decoding,
/// which run inside the source's async reads; the channels; GC and JIT threads) is the process's CPU
/// minus the sum.
/// </summary>
public sealed class PackStageCpu
{
    private long _tokenize;
    private long _pack;
    private long _compress;
    private long _write;

    /// <summary>Tokenizing documents (pre-tokenizer, BPE, piece caches) and handing their ids on.</summary>
    public TimeSpan Tokenize => FromNanoseconds(Interlocked.Read(ref _tokenize));

    /// <summary>Restoring document order, the documents table and packing tokens into records.</summary>
    public TimeSpan Pack => FromNanoseconds(Interlocked.Read(ref _pack));

    /// <summary>Encoding and compressing records (the format's encoder).</summary>
    public TimeSpan Compress => FromNanoseconds(Interlocked.Read(ref _compress));

    /// <summary>Appending records to shards, finishing them (hashes, index, footer) and the manifest.</summary>
    public TimeSpan Write => FromNanoseconds(Interlocked.Read(ref _write));

    internal void AddTokenize(long startedAt) => Interlocked.Add(ref _tokenize, Since(startedAt));

    internal void AddPack(long startedAt) => Interlocked.Add(ref _pack, Since(startedAt));

    internal void AddCompress(long startedAt) => Interlocked.Add(ref _compress, Since(startedAt));

    internal void AddWrite(long startedAt) => Interlocked.Add(ref _write, Since(startedAt));

    /// <summary>The calling thread's CPU clock, to pass back to one of the Add methods on the same thread.</summary>
    internal static long Start() => ThreadCpuTime.NowNanoseconds();

    private static long Since(long startedAt) => Math.Max(0, ThreadCpuTime.NowNanoseconds() - startedAt);

    private static TimeSpan FromNanoseconds(long nanoseconds) => TimeSpan.FromTicks(nanoseconds / 100);
}
