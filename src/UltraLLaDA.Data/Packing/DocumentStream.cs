namespace UltraLLaDA.Data.Packing;

/// <summary>
/// A document's token stream as every packing strategy lays it out: [BOS] text tokens [EOD], with
/// BOS and EOD as <see cref="PackingOptions"/> says. Strategies copy slices of it into records
/// without building the whole stream, so a long book is never copied twice.
/// </summary>
internal static class DocumentStream
{
    /// <summary>Copies <paramref name="count"/> tokens of the document's stream starting at stream offset <paramref name="from"/>.</summary>
    public static void Copy(PackingOptions options, ReadOnlySpan<uint> tokens, long from, int count, Span<uint> destination)
    {
        var written = 0;
        var position = from;
        if (options.BosId is uint bos)
        {
            if (position == 0 && count > 0)
            {
                destination[written++] = bos;
                position++;
            }

            position--; // position is now an index into tokens (or tokens.Length for the EOD)
        }

        var fromTokens = (int)Math.Min(count - written, Math.Max(0, tokens.Length - position));
        if (fromTokens > 0)
        {
            tokens.Slice((int)position, fromTokens).CopyTo(destination.Slice(written));
            written += fromTokens;
        }

        if (written < count)
        {
            // Only the EOD can remain: the stream is one token longer than the text in layout eod.
            destination[written++] = options.EodId!.Value;
        }
    }

    /// <summary>The stream length of a document of <paramref name="tokenCount"/> text tokens, refused when segment offsets (32-bit) cannot hold it.</summary>
    public static long CheckedLength(PackingOptions options, long ordinal, int tokenCount)
    {
        var streamLength = options.StreamLength(tokenCount);
        if (streamLength > uint.MaxValue)
            throw new ArgumentException($"document {ordinal} has {streamLength} tokens; segment offsets are 32-bit.", "tokens");
        return streamLength;
    }

    /// <summary>The fewest pieces a stream of <paramref name="streamLength"/> tokens can be cut into for records of <paramref name="seqLen"/>.</summary>
    public static long FewestPieces(long streamLength, int seqLen) => (streamLength + seqLen - 1) / seqLen;
}
