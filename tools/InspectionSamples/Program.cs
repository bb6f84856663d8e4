using System.Security.Cryptography;
using System.Text;
using Microsoft.ML.Tokenizers;
using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Pipeline;
using UltraLLaDA.Data.Sources;
using UltraLLaDA.Data.Tokenization;

// Packs splits of a PG-19 folder with o200k_base into OUT/<name>/<split>, for the inspection docs:
//   adaptive/train and eod/train (64K records; tails pad and drop), direct/validation (16K records, tail keep).
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: InspectionSamples PG19_FOLDER OUT");
    return 2;
}

var (input, output) = (args[0], args[1]);
var jobs = new (string Name, string Split, SequenceLayout Layout, int SeqLen, TailPolicy Tail, int PerShard)[]
{
    ("adaptive", "train", SequenceLayout.Adaptive, 65536, TailPolicy.Pad, 16),
    ("eod", "train", SequenceLayout.Eod, 65536, TailPolicy.Drop, 16),
    ("direct", "validation", SequenceLayout.Direct, 16384, TailPolicy.Keep, 8),
};

foreach (var job in jobs)
{
    var source = DocumentSources.Open(input, job.Split);
    var settings = new PackJobSettings
    {
        OutputDirectory = Path.Combine(output, job.Name, job.Split),
        Names = new OutputNames(job.Split),
        Packing = new PackingOptions { SeqLen = job.SeqLen, Layout = job.Layout, Tail = job.Tail, EodId = O200k.EodId, PadId = O200k.EodId },
        RecordsPerShard = job.PerShard,
        Overwrite = true,
        Input = Path.GetFileName(Path.TrimEndingDirectorySeparator(input)),
    };
    var result = await new PackJob(settings, new O200k(), (first, token) => source.ReadAsync(first, token)).RunAsync();
    Console.WriteLine($"{settings.OutputDirectory}: {result.Manifest.Totals!.Records} records, {result.Manifest.Totals.Tokens:N0} tokens in {result.Elapsed.TotalSeconds:0.0} s");
}

return 0;

/// <summary>o200k_base from Microsoft.ML.Tokenizers, ordinary text only (no special tokens), for these samples.</summary>
internal sealed class O200k : ITextTokenizer
{
    public const uint EodId = 199999;

    private static readonly TiktokenTokenizer Shared = TiktokenTokenizer.CreateForModel("gpt-4o");

    // The fingerprint of these samples: a hash of the name (the tokenizer work defines the real one).
    public TokenizerInfo Info { get; } = new("o200k_base", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("o200k_base"))), 200019, (int)EodId, "<|endoftext|>", "o200k_base's <|endoftext|>");

    public void Encode(string text, TokenBuffer ids)
    {
        foreach (var id in Shared.EncodeToIds(text))
            ids.Add((uint)id);
    }

    public string Decode(ReadOnlySpan<uint> ids) => Shared.Decode(ids.ToArray().Select(i => (int)i)) ?? string.Empty;

    public ITextTokenizer CreateWorker() => new O200k();
}
