namespace UltraLLaDA.Data.Packing;

/// <summary>
/// The contract every packer keeps on its input, in one place: documents come in increasing ordinal
/// order (gaps allowed), none after <see cref="Complete"/>, and those before the resume point are skipped.
/// </summary>
internal sealed class DocumentOrder(PackPosition start)
{
    /// <summary>The last ordinal given (-1 before the first).</summary>
    public long LastOrdinal { get; private set; } = -1;

    public bool Completed { get; private set; }

    /// <summary>Takes the next document's ordinal; false when it lies before the resume point and is to be skipped.</summary>
    public bool Accept(long ordinal)
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
