using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Pipeline;
using UltraLLaDA.Data.Sources;
using UltraLLaDA.Data.Tokenization;
using UltraLLaDA.Data.Output;

// Packs splits of a PG-19 folder with o200k_base into OUT/<name>/<split>, for the inspection docs:
//   adaptive/train and eod/train (64K records; tails pad and drop), direct/validation (16K records, tail keep).
// With a third argument N: instead, one bigger split for timing verify, bench/train: the train books N times over.
if (args.Length is not (2 or 3))
{
    Console.Error.WriteLine("usage: InspectionSamples PG19_FOLDER OUT [REPEAT]");
    return 2;
}

var (input, output) = (args[0], args[1]);
if (args.Length == 3)
{
    var repeat = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
    var books = DocumentSources.Open(input, "train");
    var bench = new PackJobSettings
    {
        OutputDirectory = Path.Combine(output, "bench", "train"),
        Names = new OutputNames("train"),
        Packing = new PackingOptions { SeqLen = 65536, Layout = SequenceLayout.Adaptive, Tail = TailPolicy.Pad, PadId = (uint)TokenizerLoader.Load(null).Info.EodId!.Value },
        RecordsPerShard = 64,
        Overwrite = true,
    };
    var done = await new PackJob(bench, TokenizerLoader.Load(null), (first, token) => Repeat(books, repeat, first, token)).RunAsync();
    Console.WriteLine($"{bench.OutputDirectory}: {done.Manifest.Totals!.Records} records, {done.Manifest.Totals.Tokens:N0} tokens in {done.Elapsed.TotalSeconds:0.0} s");
    return 0;
}

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
        Packing = new PackingOptions { SeqLen = job.SeqLen, Layout = job.Layout, Tail = job.Tail, EodId = (uint)TokenizerLoader.Load(null).Info.EodId!.Value, PadId = (uint)TokenizerLoader.Load(null).Info.EodId!.Value },
        RecordsPerShard = job.PerShard,
        Overwrite = true,
        Input = Path.GetFileName(Path.TrimEndingDirectorySeparator(input)),
    };
    var result = await new PackJob(settings, TokenizerLoader.Load(null), (first, token) => source.ReadAsync(first, token)).RunAsync();
    Console.WriteLine($"{settings.OutputDirectory}: {result.Manifest.Totals!.Records} records, {result.Manifest.Totals.Tokens:N0} tokens in {result.Elapsed.TotalSeconds:0.0} s");
}

return 0;

// The split's documents REPEAT times, numbered on.
static async IAsyncEnumerable<SourceDocument> Repeat(IDocumentSource source, int repeat, long first, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken token)
{
    var books = new List<SourceDocument>();
    await foreach (var book in source.ReadAsync(0, token))
        books.Add(book);
    for (var i = 0; i < repeat * books.Count; i++)
    {
        if (i >= first)
            yield return books[i % books.Count] with { Ordinal = i };
    }
}
