using UltraLLaDA.Data.Inspection;

namespace UltraLLaDA.Data.Formats.Megatron;

/// <summary>What <c>inspect</c> prints for Megatron output (and writes as JSON with --json).</summary>
public sealed record MegatronInspectReport
{
    /// <summary>The pair's prefix or the split (and part) name.</summary>
    public required string Target { get; init; }

    /// <summary>"pair" (one .bin/.idx) or "split".</summary>
    public required string Kind { get; init; }

    public string Format => "megatron";

    /// <summary>Token dtype, as numpy names it.</summary>
    public required string TokenDtype { get; init; }

    public required IReadOnlyList<MegatronPairLine> Pairs { get; init; }

    public long Sequences { get; init; }

    /// <summary>Documents by the document index (here one per sequence).</summary>
    public long Documents { get; init; }

    public long Tokens { get; init; }

    public required Spread SequenceLength { get; init; }

    /// <summary>Sequence lengths in power-of-two bins.</summary>
    public required IReadOnlyList<HistogramBin> SequenceLengths { get; init; }

    /// <summary>Sequences whose last token is the EOD (null when the EOD is not known).</summary>
    public long? EodTerminated { get; init; }

    public uint? EodId { get; init; }

    /// <summary>Bytes of the .bin and .idx files.</summary>
    public long FileBytes { get; init; }

    public double BytesPerToken { get; init; }

    /// <summary>The arguments after <c>--data-path</c> for this target's pairs (absolute prefixes).</summary>
    public required string DataPath { get; init; }
}

/// <summary>One .bin/.idx pair of a target.</summary>
public sealed record MegatronPairLine(string Prefix, int Sequences, int Documents, long Tokens, long DataBytes, long IndexBytes);
