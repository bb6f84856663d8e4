namespace UltraLLaDA.Data.Formats.Ulds;

/// <summary>What part of a shard breaks the format, so callers branch on a kind, never on message text.</summary>
public enum ShardFormatError
{
    /// <summary>Not said (an exception made with a plain message).</summary>
    Unspecified,

    /// <summary>The file cannot be opened or read.</summary>
    Unreadable,

    /// <summary>The file ends early.</summary>
    Truncated,

    /// <summary>Magic, version or header JSON.</summary>
    Header,

    /// <summary>The footer, or where it says the index lies.</summary>
    Footer,

    /// <summary>The index's XXH64 does not match the footer: the index is corrupt (its entries may still be read one by one).</summary>
    IndexHash,

    /// <summary>One index entry (the exception's record).</summary>
    IndexEntry,

    /// <summary>Bytes between the records and the index.</summary>
    Layout,

    /// <summary>One record's frame or payload (the exception's record).</summary>
    Record,
}
