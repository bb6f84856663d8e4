namespace UltraLLaDA.Data.Tokenization.Caching;

/// <summary>What looking a compiled tokenizer up in the cache found. Anything but <see cref="Hit"/> means "rebuild it".</summary>
internal enum CacheLookup
{
    /// <summary>A whole, checked entry for this exact source and library build.</summary>
    Hit,

    /// <summary>The cache is off, or holds no entry for this source.</summary>
    Missing,

    /// <summary>The file is shorter or longer than its header says (a partial or appended write).</summary>
    Truncated,

    /// <summary>The payload does not match its checksum, or its structure does not hold together.</summary>
    Damaged,

    /// <summary>Not a cache file, or one in another format version.</summary>
    WrongVersion,

    /// <summary>An entry for another source file or made by another build of this library.</summary>
    Stale,
}
