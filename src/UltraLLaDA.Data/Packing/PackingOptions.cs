namespace UltraLLaDA.Data.Packing;

/// <summary>How the packer lays documents into records.</summary>
public sealed record PackingOptions
{
    /// <summary>The default record length: 64K tokens, the UltraLLaDA post-training length.</summary>
    public const int DefaultSeqLen = 65536;

    /// <summary>Tokens per record (any positive value).</summary>
    public int SeqLen { get; init; } = DefaultSeqLen;

    public SequenceLayout Layout { get; init; } = SequenceLayout.Adaptive;

    public TailPolicy Tail { get; init; } = TailPolicy.Pad;

    /// <summary>The EOD id; required by <see cref="SequenceLayout.Eod"/>.</summary>
    public uint? EodId { get; init; }

    /// <summary>The id that fills a padded tail; required by <see cref="TailPolicy.Pad"/>.</summary>
    public uint? PadId { get; init; }

    /// <summary>When set, each document's token stream starts with this id (LLaDA's tokenizer adds none, so it is off by default).</summary>
    public uint? BosId { get; init; }

    /// <summary>The packing strategy's name (<see cref="PackingStrategies"/>): <c>concat</c> unless the job names another.</summary>
    public string Strategy { get; init; } = "concat";

    /// <summary>For a strategy with a window (best-fit): how many documents it may hold open at once; null for its default.</summary>
    public int? WindowDocuments { get; init; }

    /// <summary>For a strategy with a window (best-fit): how many tokens it may hold open at once; null for no token bound.</summary>
    public long? WindowTokens { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that cannot work.</summary>
    public void Validate()
    {
        if (SeqLen <= 0)
            throw new ArgumentException($"seq_len must be a positive number of tokens, not {SeqLen}.", nameof(SeqLen));
        if (!Enum.IsDefined(Layout))
            throw new ArgumentException($"unknown layout {Layout}.", nameof(Layout));
        if (!PackingStrategies.TryGet(Strategy, out _))
            throw new ArgumentException($"unknown packing strategy '{Strategy}' (known: {string.Join(", ", PackingStrategies.Names)}).", nameof(Strategy));
        if (WindowDocuments is <= 0)
            throw new ArgumentException($"the packing window must be a positive number of documents, not {WindowDocuments}.", nameof(WindowDocuments));
        if (WindowTokens is <= 0)
            throw new ArgumentException($"the packing window must be a positive number of tokens, not {WindowTokens}.", nameof(WindowTokens));
        if (!Enum.IsDefined(Tail))
            throw new ArgumentException($"unknown tail policy {Tail}.", nameof(Tail));
        if (Layout == SequenceLayout.Eod && EodId is null)
            throw new ArgumentException("layout 'eod' needs an EOD id, and none was given (the tokenizer has no document-end token).", nameof(EodId));
        if (Tail == TailPolicy.Pad && PadId is null)
            throw new ArgumentException("tail policy 'pad' needs a pad id, and none was given (it defaults to the EOD id when the tokenizer has one).", nameof(PadId));
    }

    /// <summary>Length of a document's token stream for a document of <paramref name="tokenCount"/> text tokens (0 for an empty document).</summary>
    public long StreamLength(int tokenCount) =>
        tokenCount == 0 ? 0 : tokenCount + (BosId is null ? 0 : 1) + (Layout == SequenceLayout.Eod ? 1 : 0);
}
