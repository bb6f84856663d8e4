using UltraLLaDA.Data.Formats;
using UltraLLaDA.Data.Packing;
using UltraLLaDA.Data.Sources;
using UltraLLaDA.Data.Tokenization;
using UltraLLaDA.Data.Output;

namespace UltraLLaDA.Data.Pipeline;

/// <summary>
/// A pack over a corpus, resolved: the policy every front end (the <c>pack</c> command, <c>bench</c>, tests)
/// shares. The pad id defaults to the EOD id; layout eod needs an EOD and tail pad a pad id; every id
/// given must lie inside the vocabulary; each split goes to its own folder under the output, named for
/// its partition. Every error is a <see cref="PackJobException"/> naming the <see cref="PackSetting"/> at fault.
/// </summary>
public sealed class CorpusJob
{
    private CorpusJob(PackingOptions packing, IShardFormat format, IReadOnlyList<SplitJob> splits)
    {
        Packing = packing;
        Format = format;
        Splits = splits;
    }

    /// <summary>The packing options every split shares.</summary>
    public PackingOptions Packing { get; }

    public IShardFormat Format { get; }

    /// <summary>The splits to pack, in order, each with its own folder and settings.</summary>
    public IReadOnlyList<SplitJob> Splits { get; }

    /// <summary>Resolves <paramref name="request"/> for <paramref name="tokenizer"/>; opens nothing but the input's split list.</summary>
    public static CorpusJob Plan(CorpusJobRequest request, ITextTokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(tokenizer);
        var packing = ResolvePacking(request, tokenizer.Info);
        var format = ResolveFormat(request.Format);
        if (!File.Exists(request.Input) && !Directory.Exists(request.Input))
            throw new PackJobException(PackSetting.Input, $"{request.Input}: no such file or folder.");
        if (request.Workers <= 0)
            throw new PackJobException(PackSetting.Workers, $"the worker count must be positive, not {request.Workers}.");
        if (request.ByteBudget <= 0)
            throw new PackJobException(PackSetting.Memory, $"the memory budget must be positive, not {request.ByteBudget} bytes.");

        var names = request.Split is null ? DocumentSources.ListSplits(request.Input, request.InputLayout) : [request.Split];
        if (names.Count == 0)
            throw new PackJobException(PackSetting.Split, $"{request.Input}: found no split (train, validation, test) in it; name the split.");
        var splits = names.Select(split => new SplitJob(
            split,
            new PackJobSettings
            {
                OutputDirectory = Path.Combine(request.Output, split),
                Names = new OutputNames(split, request.Partition.Index, request.Partition.Count) { Format = format },
                Packing = packing,
                RecordsPerShard = request.RecordsPerShard,
                ZstdLevel = request.ZstdLevel,
                Workers = request.Workers,
                Resume = request.Resume,
                Overwrite = request.Overwrite,
                Input = request.Input,
                ByteBudget = request.ByteBudget,
            },
            DocumentSources.Open(request.Input, split, request.Partition, request.InputLayout))).ToList();
        return new CorpusJob(packing, format, splits);
    }

    /// <summary>The packing options for <paramref name="request"/>: the defaults filled in from the tokenizer, and checked.</summary>
    public static PackingOptions ResolvePacking(CorpusJobRequest request, TokenizerInfo tokenizer)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(tokenizer);
        // The job-level rules first, worded with the tokenizer; PackingCheck then checks the options themselves.
        var eod = tokenizer.EodId is int e ? (uint)e : (uint?)null;
        if (request.Layout == SequenceLayout.Eod && eod is null)
            throw new PackJobException(PackSetting.EodId, $"layout eod needs an EOD token and tokenizer {tokenizer.Name} has no document-end token.");
        var pad = request.PadId ?? eod;
        if (request.Tail == TailPolicy.Pad && pad is null)
            throw new PackJobException(PackSetting.PadId, $"tail policy pad needs a pad id and tokenizer {tokenizer.Name} has no EOD to default to.");
        foreach (var (setting, name, id) in new[] { (PackSetting.PadId, "pad id", pad), (PackSetting.BosId, "BOS id", request.BosId), (PackSetting.EodId, "EOD id", eod) })
        {
            if (id is uint value && value >= tokenizer.VocabSize)
                throw new PackJobException(setting, $"the {name} {value} is outside the vocabulary of {tokenizer.Name} ({tokenizer.VocabSize} ids).");
        }

        var packing = new PackingOptions
        {
            SeqLen = request.SeqLen,
            Layout = request.Layout,
            Tail = request.Tail,
            EodId = eod,
            PadId = pad,
            BosId = request.BosId,
            Strategy = request.Pack ?? PackingStrategies.Default.Name,
            WindowDocuments = request.PackWindow,
            WindowTokens = request.PackWindowTokens,
        };
        PackingCheck.Validate(packing);
        return packing;
    }

    private static IShardFormat ResolveFormat(string? name)
    {
        if (name is null)
            return ShardFormats.Default;
        return ShardFormats.TryGet(name, out var format)
            ? format
            : throw new PackJobException(PackSetting.Format, $"unknown output format '{name}' (known: {string.Join(", ", ShardFormats.Names)}).");
    }
}
