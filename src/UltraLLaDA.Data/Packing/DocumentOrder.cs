namespace UltraLLaDA.Data.Packing;

/// <summary>
/// The contract every packer keeps on its input, in one place: documents come in increasing ordinal
/// order (gaps allowed), none after <see cref="Complete"/>, and those before the resume point are skipped;
/// an empty document is counted and its stream length is checked (<see cref="Take"/>, the preamble of
/// every packer's Add).
/// </summary>
internal sealed class DocumentOrder(PackPosition start)
{
    /// <summary>The last ordinal given (-1 before the first).</summary>
    public long LastOrdinal { get; private set; } = -1;

    public bool Completed { get; private set; }

    /// <summary>
    /// The input preamble of every packer's Add: takes the next document's ordinal and its count of text tokens.
    /// </summary>
    /// <returns>
    /// Null when the document lies before the resume point (pass it over); 0 for an empty document, counted
    /// in <paramref name="stats"/>; else its stream length (BOS and EOD included), refused when segment
    /// offsets cannot hold it (<see cref="DocumentStream.CheckedLength"/>).
    /// </returns>
    public long? Take(long ordinal, int tokenCount, PackingOptions options, PackingStats stats)
    {
        if (!Accept(ordinal))
            return null;
        if (tokenCount == 0)
        {
            stats.EmptyDocuments++;
            return 0;
        }

        return DocumentStream.CheckedLength(options, ordinal, tokenCount);
    }

    /// <summary>Takes the next document's ordinal; false when it lies before the resume point and is to be skipped.</summary>
    private bool Accept(long ordinal)
    {
        if (Completed)
            throw new InvalidOperationException("the packer was completed; no more documents can be added.");
        if (ordinal <= LastOrdinal)
            throw new ArgumentException($"document ordinals must increase: {ordinal} came after {LastOrdinal}.", nameof(ordinal));
        LastOrdinal = ordinal;
        return ordinal >= start.Doc;
    }

    /// <summary>Marks the end of the split; false when it was already marked.</summary>
    public bool Complete()
    {
        if (Completed)
            return false;
        Completed = true;
        return true;
    }
}
