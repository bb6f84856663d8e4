namespace UltraLLaDA.Data.Inspection;

/// <summary>One record as <c>show</c> prints it: where it is, its segments with their provenance and, when decoded, their text.</summary>
public sealed record RecordReport
{
    /// <summary>The shard file.</summary>
    public required string File { get; init; }

    /// <summary>Record number in the shard.</summary>
    public required int Record { get; init; }

    /// <summary>Record number in the split, when the shard's place in it is known.</summary>
    public long? SplitRecord { get; init; }

    public required string Layout { get; init; }

    public required int SeqLen { get; init; }

    public required int Tokens { get; init; }

    public required int DocumentTokens { get; init; }

    public required int PaddingTokens { get; init; }

    public uint? PadId { get; init; }

    public required string TokenizerName { get; init; }

    /// <summary>The documents table the titles came from, or null when none was found.</summary>
    public string? DocumentsFile { get; init; }

    public required IReadOnlyList<SegmentReport> Segments { get; init; }
}

/// <summary>One segment of a record.</summary>
public sealed record SegmentReport
{
    /// <summary>Segment id in the record (1-based, as in the segment ids).</summary>
    public required int Number { get; init; }

    /// <summary>First token of the segment in the record.</summary>
    public required int Start { get; init; }

    /// <summary>One past the segment's last token in the record.</summary>
    public required int End { get; init; }

    public required ulong Doc { get; init; }

    /// <summary>Where the segment starts in the document's token stream.</summary>
    public required uint Offset { get; init; }

    public required uint Length { get; init; }

    /// <summary>True when the segment continues a document begun in an earlier record.</summary>
    public required bool IsContinuation { get; init; }

    /// <summary>True when the document goes on in the next record; null when the documents table is not at hand.</summary>
    public bool? ContinuesInNextRecord { get; init; }

    /// <summary>The document's stream length, from the documents table.</summary>
    public long? DocumentTokens { get; init; }

    public string? Title { get; init; }

    public string? Source { get; init; }

    public long? Row { get; init; }

    public string? Url { get; init; }

    /// <summary>The decoded text, when asked for.</summary>
    public SegmentText? Text { get; init; }
}

/// <summary>
/// A segment's text: all of it, or its head and tail with the tokens between left out. A BOS that opens
/// the stream and an EOD that closes it are taken off the text and flagged, so they can be shown as markers.
/// </summary>
/// <param name="Head">Text of the first <paramref name="HeadTokens"/> tokens (all of the text when <paramref name="Tail"/> is null).</param>
/// <param name="Tail">Text of the last <paramref name="TailTokens"/> tokens, or null when nothing was left out.</param>
/// <param name="HeadTokens">Tokens decoded into the head.</param>
/// <param name="TailTokens">Tokens decoded into the tail.</param>
/// <param name="OmittedTokens">Tokens between head and tail that were not decoded.</param>
/// <param name="StartsWithBos">The segment's first token is the BOS that opens its document.</param>
/// <param name="EndsWithEod">The segment's last token is the EOD that closes its document.</param>
public sealed record SegmentText(string Head, string? Tail, int HeadTokens, int TailTokens, int OmittedTokens, bool StartsWithBos, bool EndsWithEod);
