using UltraLLaDA.Data.Packing;

namespace UltraLLaDA.Data.Formats.Ulds;

/// <summary>The JSON header of a shard. Nothing in it changes from run to run for the same input and configuration.</summary>
public sealed record ShardHeader
{
    public required int SeqLen { get; init; }

    public required SequenceLayout Layout { get; init; }

    /// <summary>Vocabulary size, special tokens included; every token id is below it.</summary>
    public required int VocabSize { get; init; }

    public uint? EodId { get; init; }

    public uint? PadId { get; init; }

    /// <summary>The BOS id prefixed to every document, when the job used one (an extra key; v1 readers may ignore it).</summary>
    public uint? BosId { get; init; }

    public required TokenizerStamp Tokenizer { get; init; }

    /// <summary>Position of this file in its split.</summary>
    public required int ShardIndex { get; init; }

    /// <summary>Always "uint32" in v1.</summary>
    public string TokenDtype { get; init; } = "uint32";
}
