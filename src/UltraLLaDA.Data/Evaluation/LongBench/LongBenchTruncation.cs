namespace UltraLLaDA.Data.Evaluation.LongBench;

/// <summary>
/// pred.py's middle truncation: a tokenized prompt longer than max_length keeps its first <c>int(max_length/2)</c>
/// and its last <c>int(max_length/2)</c> tokens (so an odd max_length leaves max_length - 1), because the start and
/// the end hold the instructions and the question. pred.py then decodes both halves and tokenizes the text again;
/// here the ids are kept, so the length is exact.
/// </summary>
public static class LongBenchTruncation
{
    /// <summary>The tokens as stored: <paramref name="tokens"/> itself when it fits, else its two ends.</summary>
    public static uint[] Cut(uint[] tokens, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 2);
        if (tokens.Length <= maxLength)
            return tokens;
        var half = maxLength / 2;
        return [.. tokens.AsSpan(0, half), .. tokens.AsSpan(tokens.Length - half)];
    }
}
